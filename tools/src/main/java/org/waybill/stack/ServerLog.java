package org.waybill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A WildFly server log read as one text across its rotations: the FILE handler (periodic, as WildFly ships it)
 * renames server.log to server.log.&lt;date&gt; at midnight and starts an empty one, so a line written before
 * midnight is no longer in server.log after it. Tests and drills that look for a line read the rotated files,
 * oldest first, then the current one; the text only grows, so an offset into it stays valid across a rotation.
 */
public final class ServerLog {
    private ServerLog() {
    }

    /** Everything the log holds, from the oldest rotated file to the current one ({@code serverLog}). */
    public static String text(Path serverLog) {
        StringBuilder text = new StringBuilder();
        for (Path file : files(serverLog)) {
            try {
                text.append(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return text.toString();
    }

    /** The same, line by line. */
    public static List<String> lines(Path serverLog) {
        return text(serverLog).lines().toList();
    }

    /** The rotated files (server.log.yyyy-MM-dd sort by date) and then the current one, if there is one yet. */
    private static List<Path> files(Path serverLog) {
        String rotated = serverLog.getFileName() + ".";
        List<Path> files = new ArrayList<>();
        try (Stream<Path> siblings = Files.list(serverLog.getParent())) {
            siblings.filter(p -> p.getFileName().toString().startsWith(rotated)).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + serverLog.getParent(), e);
        }
        if (Files.exists(serverLog)) {
            files.add(serverLog);
        }
        return files;
    }
}

package org.waybill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A WildFly server log read as one text across its rotations: the FILE handler (periodic, with WildFly's date suffix,
 * configure-logging.cli keeps it) renames server.log to server.log.yyyy-MM-dd at midnight and starts an empty one, so
 * a line written before midnight is no longer in server.log after it. Tests that look for a line read the rotated
 * files, oldest first, then the current one, so the text only grows and an offset into it stays valid across a
 * rotation. A rotation while the files are read is noticed (the files listed after the read are not those listed
 * before) and the read is done again.
 */
public final class ServerLog {
    private static final int ATTEMPTS = 5;

    private ServerLog() {
    }

    /** Everything the log holds, from the oldest rotated file to the current one ({@code serverLog}). */
    public static String text(Path serverLog) {
        for (int attempt = 1; ; attempt++) {
            List<Path> files = files(serverLog);
            try {
                StringBuilder text = new StringBuilder();
                for (Path file : files) {
                    text.append(Files.readString(file));
                }
                if (files.equals(files(serverLog))) {
                    return text.toString();
                }
            } catch (NoSuchFileException renamedMeanwhile) {
                // the current file was rotated between the listing and its read: list again
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + serverLog, e);
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException(serverLog + " kept rotating while it was read");
            }
        }
    }

    /** The same, line by line. */
    public static List<String> lines(Path serverLog) {
        return text(serverLog).lines().toList();
    }

    /** The rotated files (their date suffixes sort by date) and then the current one, if there is one yet. */
    private static List<Path> files(Path serverLog) {
        Pattern rotated = Pattern.compile(Pattern.quote(serverLog.getFileName().toString()) + "\\.\\d{4}-\\d{2}-\\d{2}");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> siblings = Files.list(serverLog.getParent())) {
            siblings.filter(p -> rotated.matcher(p.getFileName().toString()).matches()).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + serverLog.getParent(), e);
        }
        if (Files.exists(serverLog)) {
            files.add(serverLog);
        }
        return files;
    }
}

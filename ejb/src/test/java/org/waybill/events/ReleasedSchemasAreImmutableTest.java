package org.waybill.events;

import org.junit.jupiter.api.Test;
import org.waybill.contracts.Contracts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The schema lock: schemas/released.sha256 holds the SHA-256 of every released event schema, in sha256sum's format
 * (hash, two spaces, path under schemas/), hashed with LF line ends so that a checkout's line ends do not matter.
 * A released schema may never change or go, and a new one is released by adding its line by hand (printed here when
 * it is missing); nothing updates the lock by itself.
 */
class ReleasedSchemasAreImmutableTest {
    static final String LOCK = EventSchemas.ROOT + "released.sha256";

    @Test
    void releasedSchemasAreUnchangedAndEverySchemaIsReleased() throws IOException {
        assertEquals(List.of(), problems(Contracts.classpathFolder(EventSchemas.ROOT)), "the schema lock " + LOCK);
    }

    /** The lock's complaints about the schemas under a folder laid out as schemas/ is. */
    static List<String> problems(Path schemas) throws IOException {
        Map<String, String> locked = new TreeMap<>();
        for (String line : Files.readAllLines(schemas.resolve("released.sha256"))) {
            if (!line.isBlank()) {
                String[] parts = line.split(" {2}", 2);
                locked.put(parts[1].strip(), parts[0].strip());
            }
        }
        Map<String, String> present = new TreeMap<>();
        try (Stream<Path> files = Files.walk(schemas.resolve("events"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".schema.json")).toList()) {
                present.put(schemas.relativize(file).toString().replace('\\', '/'), sha256(file));
            }
        }
        List<String> problems = new ArrayList<>();
        locked.forEach((file, hash) -> {
            String now = present.get(file);
            if (now == null) {
                problems.add(file + " was released and is gone: a released schema stays (events of it may still be"
                        + " queued, dead-lettered or replayed)");
            } else if (!now.equals(hash)) {
                problems.add(file + " has changed since it was released (sha256 " + hash + ", now " + now
                        + "): a released schema is immutable: add version " + (version(file) + 1) + " instead");
            }
        });
        present.forEach((file, hash) -> {
            if (!locked.containsKey(file)) {
                problems.add(file + " is not released yet; to release it, add this line to " + LOCK + ": "
                        + hash + "  " + file);
            }
        });
        return problems;
    }

    private static int version(String file) {
        return Integer.parseInt(file.replaceAll(".*/v(\\d+)\\.schema\\.json$", "$1"));
    }

    private static String sha256(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.waybill.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waybill.contracts.Contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lock's rules, on a copy of the real schemas that each test changes. */
class SchemaLockTest {
    private static final String RELEASED = "events/order.created/v1.schema.json";

    @TempDir
    Path schemas;

    private void copyTheRealSchemas() throws IOException {
        Path real = Contracts.classpathFolder(EventSchemas.ROOT);
        try (Stream<Path> files = Files.walk(real)) {
            for (Path file : files.toList()) {
                Path copy = schemas.resolve(real.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    @Test
    void aChangedReleasedSchemaIsRefused() throws IOException {
        copyTheRealSchemas();
        Path file = schemas.resolve(RELEASED);
        Files.writeString(file, Files.readString(file).replace("\"maxLength\": 100", "\"maxLength\": 200"));
        List<String> problems = ReleasedSchemasAreImmutableTest.problems(schemas);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(RELEASED + " has changed since it was released"), problems.get(0));
        assertTrue(problems.get(0).endsWith("a released schema is immutable: add version 2 instead"), problems.get(0));
    }

    @Test
    void lineEndsDoNotCount() throws IOException {
        copyTheRealSchemas();
        Path file = schemas.resolve(RELEASED);
        Files.writeString(file, Files.readString(file).replace("\n", "\r\n"));
        assertEquals(List.of(), ReleasedSchemasAreImmutableTest.problems(schemas));
    }

    @Test
    void aNewSchemaMustBeReleasedByHandWithThePrintedLine() throws IOException {
        copyTheRealSchemas();
        Path v3 = schemas.resolve("events/order.created/v3.schema.json");
        Files.copy(schemas.resolve(RELEASED), v3);
        List<String> problems = ReleasedSchemasAreImmutableTest.problems(schemas);
        assertEquals(1, problems.size(), problems.toString());
        String line = problems.get(0).substring(problems.get(0).lastIndexOf(": ") + 2);
        assertTrue(line.endsWith("  events/order.created/v3.schema.json"), line);

        Files.writeString(schemas.resolve("released.sha256"), line + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of(), ReleasedSchemasAreImmutableTest.problems(schemas));
    }

    @Test
    void aReleasedSchemaCannotGo() throws IOException {
        copyTheRealSchemas();
        Files.delete(schemas.resolve(RELEASED));
        List<String> problems = ReleasedSchemasAreImmutableTest.problems(schemas);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(RELEASED + " was released and is gone"), problems.get(0));
    }
}

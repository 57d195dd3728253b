package org.waybill.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerLogTest {
    @TempDir
    Path log;

    /** A suite that runs over midnight: the lines before it are in the rotated files, read first. */
    @Test
    void theRotatedFilesComeFirstOldestFirstThenTheCurrentOne() throws IOException {
        Files.writeString(log.resolve("server.log"), "00:00:01 after midnight\n");
        Files.writeString(log.resolve("server.log.2026-12-06"), "23:59:59 the day before\n");
        Files.writeString(log.resolve("server.log.2026-12-05"), "12:00:00 two days before\n");
        Files.writeString(log.resolve("console.log"), "not the server log\n");
        Files.writeString(log.resolve("server.log.lck"), "not a rotated file\n");

        assertEquals(List.of("12:00:00 two days before", "23:59:59 the day before", "00:00:01 after midnight"),
                ServerLog.lines(log.resolve("server.log")));
    }

    @Test
    void rightAfterARotationTheCurrentFileMayNotExistYet() throws IOException {
        Files.writeString(log.resolve("server.log.2026-12-06"), "23:59:59 the day before\n");

        assertEquals("23:59:59 the day before\n", ServerLog.text(log.resolve("server.log")));
    }
}

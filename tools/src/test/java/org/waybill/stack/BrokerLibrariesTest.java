package org.waybill.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BrokerLibrariesTest {
    @TempDir
    Path dir;

    private void zip(String... entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(dir.resolve("dist").resolve(BrokerLibraries.ZIP));
             ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes());
                zip.closeEntry();
            }
        }
    }

    private List<String> lib() throws IOException {
        try (var files = Files.list(dir.resolve("instance/lib"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesThePreviousBuildsJarsWithTheZipsAndWritesNothingElse() throws IOException {
        Files.createDirectories(dir.resolve("dist"));
        Files.createDirectories(dir.resolve("instance/lib"));
        Files.writeString(dir.resolve("instance/lib/micrometer-registry-prometheus-1.0.jar"), "old");
        Files.writeString(dir.resolve("instance/lib/README.txt"), "not a jar");
        zip("waybill-broker-metrics.jar", "deps/micrometer-registry-prometheus-2.0.jar", "../escape.jar", "notes.txt");

        BrokerLibraries.install(dir.resolve("dist"), dir.resolve("instance/lib"));

        assertEquals(List.of("README.txt", "escape.jar", "micrometer-registry-prometheus-2.0.jar",
                "waybill-broker-metrics.jar"), lib());
        assertEquals("waybill-broker-metrics.jar", Files.readString(dir.resolve("instance/lib/waybill-broker-metrics.jar")));
        assertFalse(Files.exists(dir.resolve("instance/escape.jar")));
    }

    @Test
    void aMissingZipSaysToBuild() throws IOException {
        Files.createDirectories(dir.resolve("dist"));
        IOException e = assertThrows(IOException.class,
                () -> BrokerLibraries.install(dir.resolve("dist"), dir.resolve("instance/lib")));
        assertFalse(e.getMessage().isBlank());
    }
}

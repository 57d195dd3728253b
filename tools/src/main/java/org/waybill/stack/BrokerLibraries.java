package org.waybill.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The jars Waybill adds to the broker (module broker-metrics: its metrics plugin and the Prometheus registry's jars
 * Artemis lacks), from the build's zip in the distributions folder into the instance's lib/, which the broker puts on
 * its classpath. lib/ is the launcher's: its jars are replaced on every start, so a rebuild's jars never sit beside an
 * older build's.
 */
final class BrokerLibraries {
    static final String ZIP = "waybill-broker-lib.zip";

    private BrokerLibraries() {
    }

    static void install(Path distributions, Path lib) throws IOException {
        Path zip = distributions.resolve(ZIP);
        if (!Files.isRegularFile(zip)) {
            throw new IOException(zip + " is missing: run the build (./mvnw verify -Pstart) so Maven makes it");
        }
        Files.createDirectories(lib);
        try (Stream<Path> files = Files.list(lib)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList()) {
                Files.delete(jar);
            }
        }
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                // Only the jars, by their bare names: nothing in the zip can write outside lib/.
                String name = Path.of(entry.getName()).getFileName().toString();
                if (!entry.isDirectory() && name.endsWith(".jar")) {
                    Files.copy(entries, lib.resolve(name));
                }
            }
        }
    }
}

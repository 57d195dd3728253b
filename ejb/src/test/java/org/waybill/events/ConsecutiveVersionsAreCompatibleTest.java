package org.waybill.events;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.waybill.contracts.Contracts;
import org.waybill.contracts.Upcasters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event type's versions are numbered 1, 2, ... without gaps, and each keeps its type's declared policy
 * (schemas/compatibility.properties) towards the one before, or comes with an upcaster from the one before, which
 * UpcastersTest holds to the samples: each valid document of the older version, upcast, matches the newer schema and
 * reads into the record.
 */
class ConsecutiveVersionsAreCompatibleTest {
    @TestFactory
    Stream<DynamicTest> eachVersionKeepsItsTypesPolicy() throws IOException {
        Properties policies = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EventSchemas.ROOT + "compatibility.properties")) {
            policies.load(in);
        }
        Path events = Contracts.classpathFolder(EventSchemas.ROOT + "events");
        List<Path> types;
        try (Stream<Path> folders = Files.list(events)) {
            types = folders.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(types.size() >= 16, "event types found: " + types);
        return types.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> {
            String type = folder.getFileName().toString();
            var policy = SchemaCompatibility.Policy.valueOf(policies.getProperty(type, policies.getProperty("default")));
            int versions;
            try (Stream<Path> files = Files.list(folder)) {
                versions = (int) files.count();
            }
            for (int version = 1; version <= versions; version++) {
                assertTrue(Files.exists(folder.resolve("v" + version + ".schema.json")),
                        type + " has " + versions + " schemas but no v" + version);
            }
            for (int version = 2; version <= versions; version++) {
                EventType previous = new EventType(type, version - 1);
                if (Upcasters.CHAIN.from(previous) != null) {
                    // The upcaster reads every document of the version before (UpcastersTest proves it on the samples).
                    assertFalse(Contracts.samples(previous, true).isEmpty(), previous + " has an upcaster but no samples");
                    continue;
                }
                assertEquals(List.of(), SchemaCompatibility.problems(policy, read(folder, version - 1), read(folder, version)),
                        type + " v" + version + " is not " + policy + " compatible with v" + (version - 1)
                                + ": make it so, or give it an upcaster from v" + (version - 1) + " (Upcasters)");
            }
        }));
    }

    private static JsonObject read(Path folder, int version) {
        try (var reader = Json.createReader(Files.newBufferedReader(folder.resolve("v" + version + ".schema.json")))) {
            return reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

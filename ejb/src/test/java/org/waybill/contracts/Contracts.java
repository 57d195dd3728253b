package org.waybill.contracts;

import org.waybill.events.EventSchemas;
import org.waybill.events.EventType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The test side's view of the published contracts: every payload record in org.waybill.contracts with its TYPE (found
 * on disk, so a new one cannot be missed), the schema files, and the sample documents of each type and version.
 */
public final class Contracts {
    private Contracts() {
    }

    /** Each event type's payload record, by type. */
    public static Map<EventType, Class<?>> records() {
        Path classes;
        try {
            classes = Path.of(EventType.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve("org/waybill/contracts");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<EventType, Class<?>> records = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (Path file : list(classes, f -> f.toString().endsWith(".class"))) {
            String name = "org.waybill.contracts." + file.getFileName().toString().replace(".class", "");
            try {
                Class<?> type = Class.forName(name, false, Contracts.class.getClassLoader());
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals("TYPE") && field.getType() == EventType.class) {
                        records.put((EventType) field.get(null), type);
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(name, e);
            }
        }
        return records;
    }

    /** Every event type and version that has a schema file, older versions included, in name and version order. */
    public static List<EventType> schemaVersions() {
        List<EventType> versions = new ArrayList<>();
        for (Path folder : list(classpathFolder(EventSchemas.ROOT + "events"), Files::isDirectory)) {
            for (Path file : list(folder, f -> f.getFileName().toString().matches("v\\d+\\.schema\\.json"))) {
                versions.add(new EventType(folder.getFileName().toString(),
                        Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""))));
            }
        }
        versions.sort(java.util.Comparator.comparing(EventType::name).thenComparing(EventType::version));
        return versions;
    }

    /** A sample document of an event version or of the envelope. */
    public record Sample(String name, Path file) {
        public String json() {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The valid (or invalid) samples of an event type and version: samples/events/<name>/v<N>/(in)valid/*.json. */
    public static List<Sample> samples(EventType type, boolean valid) {
        return samples("samples/events/" + type.name() + "/v" + type.version() + "/" + (valid ? "valid" : "invalid"));
    }

    /** The valid (or invalid) samples of the envelope: samples/envelope/(in)valid/*.json. */
    public static List<Sample> envelopeSamples(boolean valid) {
        return samples("samples/envelope/" + (valid ? "valid" : "invalid"));
    }

    private static List<Sample> samples(String folder) {
        Path path = classpathFolder("samples").getParent().resolve(folder);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        List<Sample> samples = new ArrayList<>();
        for (Path file : list(path, f -> f.toString().endsWith(".json"))) {
            samples.add(new Sample(folder.substring("samples/".length()) + "/" + file.getFileName(), file));
        }
        return samples;
    }

    /** A folder of the test or main classpath (both are folders when Maven runs the tests). */
    public static Path classpathFolder(String name) {
        try {
            return Path.of(Contracts.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no folder " + name + " on the classpath", e);
        }
    }

    private static List<Path> list(Path folder, java.util.function.Predicate<Path> filter) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

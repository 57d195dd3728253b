package org.waybill.events;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The published contract of every event: a JSON Schema (draft 2020-12) per event type and version, read from the
 * classpath at {@code schemas/events/<name>/v<version>.schema.json}, and the envelope's at
 * {@code schemas/envelope.schema.json}. A schema is compiled on first use and kept; formats (uuid, date-time, date)
 * are asserted, not only annotated.
 */
public final class EventSchemas {
    public static final String ROOT = "schemas/";
    public static final String ENVELOPE = ROOT + "envelope.schema.json";
    /** What an event name may be; anything else has no schema (and never names a resource outside schemas/). */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true).locale(Locale.ENGLISH).pathType(PathType.JSON_PATH).build()));
    /** Only schemas that exist are kept, so names that come from outside cannot grow it. */
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Where the schema of an event type and version lives, relative to the classpath root. */
    public static String pathOf(EventType type) {
        return ROOT + "events/" + type.name() + "/v" + type.version() + ".schema.json";
    }

    public static boolean exists(EventType type) {
        return NAME.matcher(type.name()).matches() && schema(pathOf(type)) != null;
    }

    /**
     * The payload's problems against its type's schema, each as {@code <JSON path>: <what is wrong>}; empty when it
     * matches.
     *
     * @throws IllegalArgumentException if the type has no schema
     */
    public static List<String> problems(EventType type, String payload) {
        if (!exists(type)) {
            throw new IllegalArgumentException("no schema for " + type + ": expected " + pathOf(type));
        }
        return problems(pathOf(type), payload);
    }

    /** A document's problems against the schema at a path on the classpath (an event's or the envelope's). */
    public static List<String> problems(String schemaPath, String json) {
        Schema schema = schema(schemaPath);
        if (schema == null) {
            throw new IllegalArgumentException("no schema at " + schemaPath);
        }
        try {
            return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
        } catch (RuntimeException unreadable) {
            // Text that does not parse, or a value a keyword's check cannot take (the validator reads 1e30 as a
            // long for "maximum" and fails): either way the document does not pass.
            return List.of("$: cannot be checked against the schema: " + unreadable.getMessage());
        }
    }

    /**
     * Refuses a payload that is not what its type's schema says: a producer that writes one has a bug, which must
     * fail in its tests rather than reach the consumers.
     *
     * @throws SchemaViolationException if the payload does not match
     * @throws IllegalArgumentException if the type has no schema
     */
    public static void requireValid(EventType type, String payload) {
        List<String> problems = problems(type, payload);
        if (!problems.isEmpty()) {
            throw new SchemaViolationException(type, pathOf(type), problems);
        }
    }

    private static Schema schema(String path) {
        return COMPILED.computeIfAbsent(path, EventSchemas::load);
    }

    private static Schema load(String path) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : REGISTRY.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }
}

package org.waybill.contracts;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventJson;
import org.waybill.events.EventSchemas;
import org.waybill.events.EventType;
import org.waybill.events.IncomingPayloads;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java records and the JSON Schemas say the same thing: every contract has a schema for its version; each valid
 * sample matches its schema, reads into its record and writes back as it was (less what the schema marks deprecated,
 * which the record no longer has), and what the real EventJson writes matches the schema; each invalid sample is
 * refused by the schema. Whether the consumers refuse the invalid samples too is ConsumersAgreeWithEventSchemasTest's.
 */
class EventSchemasAgreeWithRecordsTest {
    private static final Map<EventType, Class<?>> RECORDS = Contracts.records();

    @Test
    void thereAreContracts() {
        assertTrue(RECORDS.size() >= 16, "contracts found: " + RECORDS.keySet());
    }

    @TestFactory
    Stream<DynamicTest> everyContractHasASchemaAndSamplesForItsVersion() {
        return RECORDS.keySet().stream().map(type -> DynamicTest.dynamicTest(type.toString(), () -> {
            assertTrue(EventSchemas.exists(type), "no schema for " + type + ": add " + EventSchemas.pathOf(type));
            assertFalse(Contracts.samples(type, true).isEmpty(), "no valid sample of " + type);
            assertFalse(Contracts.samples(type, false).isEmpty(), "no invalid sample of " + type);
        }));
    }

    /** A schema of a version above the record's would describe events nothing writes or reads. */
    @Test
    void noSchemaIsAheadOfItsRecord() throws Exception {
        Path events = Contracts.classpathFolder(EventSchemas.ROOT + "events");
        List<String> ahead = new ArrayList<>();
        try (Stream<Path> files = Files.walk(events)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getParent().getFileName().toString();
                int version = Integer.parseInt(file.getFileName().toString().replaceAll("^v(\\d+)\\.schema\\.json$", "$1"));
                boolean written = RECORDS.keySet().stream().anyMatch(t -> t.name().equals(name) && t.version() >= version);
                if (!written) {
                    ahead.add(events.relativize(file).toString());
                }
            }
        }
        assertEquals(List.of(), ahead, "schemas of no contract's version (or of a version above its record's)");
    }

    @TestFactory
    Stream<DynamicTest> eachValidSampleMatchesItsSchemaAndRecord() {
        List<DynamicTest> tests = new ArrayList<>();
        RECORDS.forEach((type, record) -> {
            for (Contracts.Sample sample : Contracts.samples(type, true)) {
                tests.add(DynamicTest.dynamicTest(sample.name(), () -> {
                    assertEquals(List.of(), EventSchemas.problems(type, sample.json()), "the schema refuses it");
                    EventEnvelope event = envelope(type, sample.json());
                    Object read = EventJson.fromJson(event, IncomingPayloads.check(event), record);
                    String written = EventJson.toJson(read);
                    assertEquals(withoutDeprecated(type, json(sample.json())), json(written), "written back differently");
                    assertEquals(List.of(), EventSchemas.problems(type, written), "what EventJson writes: " + written);
                }));
            }
        });
        return tests.stream();
    }

    /** Of every version, older ones included: their documents are still read (queued, dead-lettered, replayed). */
    @TestFactory
    Stream<DynamicTest> eachSampleOfEveryVersionIsJudgedByItsSchema() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EventType type : Contracts.schemaVersions()) {
            tests.add(DynamicTest.dynamicTest(type + " has samples", () -> {
                assertFalse(Contracts.samples(type, true).isEmpty(), "no valid sample of " + type);
                assertFalse(Contracts.samples(type, false).isEmpty(), "no invalid sample of " + type);
            }));
            for (Contracts.Sample sample : Contracts.samples(type, true)) {
                tests.add(DynamicTest.dynamicTest(sample.name(), () -> assertEquals(List.of(),
                        EventSchemas.problems(type, sample.json()), "the schema refuses it")));
            }
            for (Contracts.Sample sample : Contracts.samples(type, false)) {
                tests.add(DynamicTest.dynamicTest(sample.name(), () -> assertFalse(
                        EventSchemas.problems(type, sample.json()).isEmpty(), "the schema takes " + sample.json())));
            }
        }
        return tests.stream();
    }

    /** The envelope's samples: the schema takes the valid ones (extra properties too) and refuses the invalid ones. */
    @TestFactory
    Stream<DynamicTest> theEnvelopeSchemaTakesItsValidSamplesAndRefusesTheInvalidOnes() {
        Stream<DynamicTest> valid = Contracts.envelopeSamples(true).stream().map(sample -> DynamicTest.dynamicTest(
                sample.name(), () -> assertEquals(List.of(), EventSchemas.problems(EventSchemas.ENVELOPE, sample.json()))));
        Stream<DynamicTest> invalid = Contracts.envelopeSamples(false).stream().map(sample -> DynamicTest.dynamicTest(
                sample.name(), () -> assertFalse(EventSchemas.problems(EventSchemas.ENVELOPE, sample.json()).isEmpty(),
                        "the envelope schema takes " + sample.json())));
        return Stream.concat(valid, invalid);
    }

    /** The sample as a record would hold it: the top-level properties its schema marks deprecated left out. */
    private static JsonValue withoutDeprecated(EventType type, JsonValue sample) {
        JsonObject properties = json(read(EventSchemas.pathOf(type))).asJsonObject().getJsonObject("properties");
        var kept = Json.createObjectBuilder(sample.asJsonObject());
        properties.forEach((name, property) -> {
            if (property.asJsonObject().getBoolean("deprecated", false)) {
                kept.remove(name);
            }
        });
        return kept.build();
    }

    private static EventEnvelope envelope(EventType type, String payload) {
        UUID order = UUID.randomUUID();
        return new EventEnvelope(UUID.randomUUID(), type, "order", order.toString(), Instant.now(), order.toString(),
                null, payload);
    }

    static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static String read(String classpathResource) {
        try (var in = EventSchemasAgreeWithRecordsTest.class.getClassLoader().getResourceAsStream(classpathResource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.waybill.contracts;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventJson;
import org.waybill.events.IncomingPayloads;
import org.waybill.events.EventSchemas;
import org.waybill.events.EventType;
import org.waybill.events.UpcasterChain;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each upcaster on the sample documents of the version it reads: what it writes for each, exactly; and, for every
 * sample of every older version, that the whole chain writes a document of the newest version which its schema and
 * its record take (so a v1 message still queued, dead-lettered or replayed reaches a v2 consumer).
 */
class UpcastersTest {
    private static final Map<EventType, Class<?>> RECORDS = Contracts.records();
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void orderCreatedV1GetsTheEuroNoAddressAndLosesAnyPaymentToken() {
        assertEquals(json("""
                {"orderId":"3f0c6d1e-8a52-4c1b-9d7e-2b6f4a1c9e01","customerId":"alice","currency":"EUR","lines":[
                 {"sku":"WB-MUG-01","quantity":2,"unitPrice":12.5},{"sku":"WB-TEE-M","quantity":1,"unitPrice":19.99}]}"""),
                new OrderCreatedFromV1().apply(sample("order.created/v1/valid/typical.json")));
        assertEquals(json("""
                {"orderId":"3f0c6d1e-8a52-4c1b-9d7e-2b6f4a1c9e01","customerId":"alice","currency":"EUR","lines":[
                 {"sku":"WB-MUG-01","quantity":1,"unitPrice":12.5}]}"""),
                new OrderCreatedFromV1().apply(sample("order.created/v1/valid/before-v11-with-payment-token.json")));
    }

    @Test
    void thePaymentEventsV1GetTheirAmountInEuros() {
        assertAmountInEuros(PaymentCharged.TYPE, "payment.charged/v1/valid/typical.json", """
                {"orderId":"3f0c6d1e-8a52-4c1b-9d7e-2b6f4a1c9e01","amount":{"value":44.99,"currency":"EUR"},
                 "chargeId":"ch_0123456789abcdef0123"}""");
        assertAmountInEuros(PaymentDeclined.TYPE, "payment.declined/v1/valid/typical.json", """
                {"orderId":"3f0c6d1e-8a52-4c1b-9d7e-2b6f4a1c9e01","amount":{"value":44.99,"currency":"EUR"},
                 "reason":"card declined"}""");
        assertAmountInEuros(PaymentRefunded.TYPE, "payment.refunded/v1/valid/nothing-charged.json", """
                {"orderId":"3f0c6d1e-8a52-4c1b-9d7e-2b6f4a1c9e01","amount":{"value":0,"currency":"EUR"}}""");
    }

    private static void assertAmountInEuros(EventType type, String v1Sample, String expected) {
        AmountInEurosFromV1 upcaster = new AmountInEurosFromV1(type);
        assertEquals(new EventType(type.name(), 1), upcaster.from());
        assertEquals(json(expected), upcaster.apply(sample(v1Sample)), v1Sample);
    }

    /** The build's proof that every version before a record's is read: by compatibility or, here, by upcasters. */
    @TestFactory
    Stream<DynamicTest> everyValidSampleOfAnOlderVersionReachesTheNewestSchemaAndRecord() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EventType older : Contracts.schemaVersions()) {
            EventType newest = new EventType(older.name(), Upcasters.CHAIN.newest(older));
            if (newest.equals(older) || !RECORDS.containsKey(newest)) {
                continue;
            }
            for (Contracts.Sample sample : Contracts.samples(older, true)) {
                tests.add(DynamicTest.dynamicTest(sample.name() + " as " + newest, () -> {
                    EventEnvelope upcast = Upcasters.CHAIN.upcast(event(older, sample.json()), newest.version());
                    assertEquals(newest, upcast.type());
                    assertEquals(List.of(), EventSchemas.problems(newest, upcast.payload()), upcast.payload());
                    Object read = EventJson.fromJson(upcast, IncomingPayloads.check(upcast), RECORDS.get(newest));
                    assertEquals(Set.of(), VALIDATOR.validate(read), upcast.payload());
                }));
            }
        }
        assertFalse(tests.isEmpty(), "no older versions with samples");
        return tests.stream();
    }

    /** Every record's version is the newest its type has: nothing is upcast past what consumers are written against. */
    @Test
    void everyRecordIsTheNewestVersionOfItsType() {
        RECORDS.keySet().forEach(type -> assertEquals(type.version(), Upcasters.CHAIN.newest(type), type.toString()));
    }

    @Test
    void theChainGoesOnlyForward() {
        EventType v1 = new EventType("order.created", 1);
        assertTrue(Upcasters.CHAIN.reaches(v1, 2));
        assertTrue(Upcasters.CHAIN.reaches(v1, 1));
        assertFalse(Upcasters.CHAIN.reaches(v1, 3), "no v3");
        assertFalse(Upcasters.CHAIN.reaches(new EventType("order.created", 2), 1), "never downwards");
        assertFalse(Upcasters.CHAIN.reaches(new EventType("order.cancelled", 1), 2));
        EventEnvelope same = event(new EventType("order.cancelled", 1), "{}");
        assertSame(same, Upcasters.CHAIN.upcast(same, 1));
        assertThrows(IllegalArgumentException.class, () -> Upcasters.CHAIN.upcast(same, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new UpcasterChain(List.of(new OrderCreatedFromV1(), new OrderCreatedFromV1())));
    }

    private static EventEnvelope event(EventType type, String payload) {
        UUID order = UUID.fromString("3f0c6d1e-8a52-4c1b-9d7e-2b6f4a1c9e01");
        return new EventEnvelope(UUID.randomUUID(), type, "order", order.toString(), Instant.now(), order.toString(),
                null, payload);
    }

    private static JsonObject sample(String path) {
        return json(Contracts.samples(new EventType(path.split("/")[0], Integer.parseInt(path.split("/")[1].substring(1))),
                true).stream().filter(s -> s.name().equals("events/" + path)).findFirst().orElseThrow().json());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}

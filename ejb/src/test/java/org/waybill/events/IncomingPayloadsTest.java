package org.waybill.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the consumer's edge refuses before any work, and the reason it gives. */
class IncomingPayloadsTest {
    private static final UUID ORDER = UUID.fromString("6f1c7a52-3d0e-4a55-9d1e-0c2b8f6d4e21");
    private static final EventType CANCELLED = new EventType("order.cancelled", 1);

    private static EventEnvelope event(EventType type, String payload) {
        return new EventEnvelope(UUID.randomUUID(), type, "order", ORDER.toString(), Instant.now(), ORDER.toString(),
                null, payload);
    }

    private static String refused(EventType type, String payload) {
        return assertThrows(UnprocessableEventException.class, () -> IncomingPayloads.check(event(type, payload)))
                .getMessage();
    }

    @Test
    void aPayloadMatchingItsSchemaPasses() {
        assertDoesNotThrow(() -> IncomingPayloads.check(event(CANCELLED,
                "{\"orderId\":\"" + ORDER + "\",\"reason\":\"out of stock\"}")));
    }

    @Test
    void aPayloadOffItsSchemaIsRefusedWithTheSchemasFindings() {
        String reason = refused(CANCELLED, "{\"orderId\":\"" + ORDER + "\",\"reason\":\"x\",\"extra\":1}");
        assertTrue(reason.contains("does not match its schema schemas/events/order.cancelled/v1.schema.json: $: "),
                reason);
        assertTrue(reason.contains("extra"), reason);
    }

    @Test
    void whatIsNotOneJsonValueIsRefusedBeforeTheSchema() {
        assertTrue(refused(CANCELLED, "{\"orderId\":\"" + ORDER + "\",\"orderId\":\"" + UUID.randomUUID() + "\"}")
                .contains("is not one JSON value: Duplicate key 'orderId'"));
        assertTrue(refused(CANCELLED, "{\"orderId\":\"" + ORDER + "\"} {}").contains("is not one JSON value: "));
        assertTrue(refused(CANCELLED, "[".repeat(5_000) + "]".repeat(5_000)).contains("is not one JSON value: "));
        assertTrue(refused(CANCELLED, "{").contains("is not one JSON value: "));
        assertTrue(refused(CANCELLED, "").contains("is not one JSON value: "));
    }

    /** A reader stops after the first value; whatever follows it is refused, not ignored. */
    @ParameterizedTest
    @ValueSource(strings = {"%s trailing", "%s{}", "%s]", "%s,", "%s null"})
    void textAfterThePayloadIsRefused(String shape) {
        String payload = shape.formatted("{\"orderId\":\"" + ORDER + "\",\"reason\":\"out of stock\"}");
        assertTrue(refused(CANCELLED, payload).contains("is not one JSON value: "), payload);
    }

    /** Which of two equal keys counts depends on the reader, at any depth; neither is taken. */
    @Test
    void aDuplicateKeyInANestedObjectIsRefused() {
        String line = "{\"sku\":\"WB-MUG-01\",\"quantity\":1,\"quantity\":2,\"unitPrice\":1}";
        String payload = "{\"orderId\":\"" + ORDER + "\",\"customerId\":\"alice\",\"lines\":[" + line + "]}";
        assertTrue(refused(new EventType("order.created", 1), payload).contains("is not one JSON value: Duplicate key"),
                payload);
    }

    @Test
    void aVersionWithoutASchemaIsRefusedAsUnknown() {
        assertEquals("no schema for order.cancelled v9 (expected schemas/events/order.cancelled/v9.schema.json): "
                + "an unknown version", refused(new EventType("order.cancelled", 9), "{}"));
    }
}

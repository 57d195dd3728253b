package org.waybill.events;

import org.junit.jupiter.api.Test;
import org.waybill.contracts.OrderCreated;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJsonTest {
    private static EventEnvelope envelope(String payload) {
        return new EventEnvelope(UUID.randomUUID(), OrderCreated.TYPE, "order", "o-1", Instant.now(), "o-1", null, payload);
    }

    @Test
    void payloadSurvivesTheRoundTrip() {
        OrderCreated created = new OrderCreated(UUID.randomUUID(), "alice", "EUR", null, List.of(new OrderCreated.Line("WB-MUG-01", 2, new BigDecimal("12.50"))));
        OrderCreated read = EventJson.fromJson(envelope(EventJson.toJson(created)), OrderCreated.class);
        assertEquals(created, read);
    }

    /** A payment credential never travels in an event (one still in a v1 message is dropped: UpcastersTest). */
    @Test
    void orderCreatedCarriesNoPaymentCredential() {
        OrderCreated created = new OrderCreated(UUID.randomUUID(), "alice", "EUR", null,
                List.of(new OrderCreated.Line("WB-MUG-01", 1, BigDecimal.ONE)));
        assertFalse(EventJson.toJson(created).contains("tok_"), EventJson.toJson(created));
        assertFalse(EventJson.toJson(created).contains("paymentToken"), EventJson.toJson(created));
    }

    @Test
    void aPayloadThatDoesNotParseIsUnprocessable() {
        EventEnvelope broken = envelope("{\"orderId\": 42,");
        UnprocessableEventException e = assertThrows(UnprocessableEventException.class,
                () -> EventJson.fromJson(broken, OrderCreated.class));
        assertTrue(e.getMessage().contains(broken.eventId().toString()), e.getMessage());
    }

    @Test
    void anEmptyPayloadIsUnprocessable() {
        assertThrows(UnprocessableEventException.class, () -> EventJson.fromJson(envelope("null"), OrderCreated.class));
    }

    /** JSON-B alone would read each of these as some other order.created, or ignore what follows the payload. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "\"quantity\":1e30", "\"quantity\":1.7", "\"quantity\":4294967297", "\"quantity\":\"2\"",
            "\"quantity\":1,\"quantity\":2", "\"unitPrice\":\"1\""})
    void aLineThatDoesNotSayWhatItIsReadAsIsUnprocessable(String field) {
        String payload = "{\"orderId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"alice\",\"lines\":[{\"sku\":\"WB-MUG-01\","
                + (field.contains("unitPrice") ? "\"quantity\":1," : "\"unitPrice\":1,") + field + "}]}";
        assertThrows(UnprocessableEventException.class, () -> EventJson.fromJson(envelope(payload), OrderCreated.class),
                payload);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"%s trailing", "%s{}", "%s]", "[%s]"})
    void textAroundThePayloadIsUnprocessable(String shape) {
        String payload = shape.formatted(EventJson.toJson(new OrderCreated(UUID.randomUUID(), "alice", "EUR", null,
                List.of(new OrderCreated.Line("WB-MUG-01", 1, BigDecimal.ONE)))));
        assertThrows(UnprocessableEventException.class, () -> EventJson.fromJson(envelope(payload), OrderCreated.class),
                payload);
    }

    @Test
    void duplicateKeysNestingBombsAndUnnormalisedIdsAreUnprocessable() {
        UUID order = UUID.randomUUID();
        String lines = ",\"customerId\":\"alice\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1,\"unitPrice\":1}]";
        for (String payload : List.of(
                "{\"orderId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + order + "\"" + lines + "}",
                "{\"orderId\":\"" + order + "\"" + lines + ",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                "{\"orderId\":\"1-1-1-1-1\"" + lines + "}")) {
            assertThrows(UnprocessableEventException.class, () -> EventJson.fromJson(envelope(payload), OrderCreated.class),
                    payload.substring(0, Math.min(200, payload.length())));
        }
        // The same order in upper case is the same UUID: accepted.
        assertEquals(order, EventJson.fromJson(envelope("{\"orderId\":\"" + order.toString().toUpperCase() + "\"" + lines
                + "}"), OrderCreated.class).orderId());
    }

    @Test
    void anEventTypeNeedsANameAndAPositiveVersion() {
        assertThrows(IllegalArgumentException.class, () -> new EventType("order.created", 0));
        assertThrows(IllegalArgumentException.class, () -> new EventType(" ", 1));
        assertEquals("order.created v2", OrderCreated.TYPE.toString());
    }
}

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

/** Reading a payload the consumer's edge took as one JSON value ({@link IncomingPayloadsTest}) into its record. */
class EventJsonTest {
    private static OrderCreated read(String payload) {
        return EventJson.fromJson(envelope(payload), StrictJson.parse(payload), OrderCreated.class);
    }

    private static EventEnvelope envelope(String payload) {
        return new EventEnvelope(UUID.randomUUID(), OrderCreated.TYPE, "order", "o-1", Instant.now(), "o-1", null, payload);
    }

    @Test
    void payloadSurvivesTheRoundTrip() {
        OrderCreated created = new OrderCreated(UUID.randomUUID(), "alice", "EUR", null, List.of(new OrderCreated.Line("WB-MUG-01", 2, new BigDecimal("12.50"))));
        assertEquals(created, read(EventJson.toJson(created)));
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
    void anEmptyPayloadIsUnprocessable() {
        assertThrows(UnprocessableEventException.class, () -> read("null"));
    }

    /** JSON-B alone would read each of these as some other order.created. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "\"quantity\":1e30", "\"quantity\":1.7", "\"quantity\":4294967297", "\"quantity\":\"2\"",
            "\"unitPrice\":\"1\""})
    void aLineThatDoesNotSayWhatItIsReadAsIsUnprocessable(String field) {
        String payload = "{\"orderId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"alice\",\"lines\":[{\"sku\":\"WB-MUG-01\","
                + (field.contains("unitPrice") ? "\"quantity\":1," : "\"unitPrice\":1,") + field + "}]}";
        assertThrows(UnprocessableEventException.class, () -> read(payload), payload);
    }

    @Test
    void anOrderIdInAFormJavaNormalisesIsUnprocessableAndUpperCaseIsTheSameId() {
        UUID order = UUID.randomUUID();
        String lines = ",\"customerId\":\"alice\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1,\"unitPrice\":1}]}";
        assertThrows(UnprocessableEventException.class, () -> read("{\"orderId\":\"1-1-1-1-1\"" + lines));
        assertEquals(order, read("{\"orderId\":\"" + order.toString().toUpperCase() + "\"" + lines).orderId());
    }

    @Test
    void anEventTypeNeedsANameAndAPositiveVersion() {
        assertThrows(IllegalArgumentException.class, () -> new EventType("order.created", 0));
        assertThrows(IllegalArgumentException.class, () -> new EventType(" ", 1));
        assertEquals("order.created v2", OrderCreated.TYPE.toString());
    }
}

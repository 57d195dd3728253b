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
        OrderCreated created = new OrderCreated(UUID.randomUUID(), "alice", List.of(new OrderCreated.Line("WB-MUG-01", 2, new BigDecimal("12.50"))));
        OrderCreated read = EventJson.fromJson(envelope(EventJson.toJson(created)), OrderCreated.class);
        assertEquals(created, read);
    }

    /** A payment credential never travels in an event; one still in a message sent before is ignored. */
    @Test
    void orderCreatedCarriesNoPaymentCredential() {
        OrderCreated created = new OrderCreated(UUID.randomUUID(), "alice",
                List.of(new OrderCreated.Line("WB-MUG-01", 1, BigDecimal.ONE)));
        assertFalse(EventJson.toJson(created).contains("tok_"), EventJson.toJson(created));
        assertFalse(EventJson.toJson(created).contains("paymentToken"), EventJson.toJson(created));
        String older = "{\"orderId\":\"" + created.orderId() + "\",\"customerId\":\"alice\",\"paymentToken\":\"tok_x\","
                + "\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1,\"unitPrice\":1}]}";
        assertEquals(created, EventJson.fromJson(envelope(older), OrderCreated.class));
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

    @Test
    void anEventTypeNeedsANameAndAPositiveVersion() {
        assertThrows(IllegalArgumentException.class, () -> new EventType("order.created", 0));
        assertThrows(IllegalArgumentException.class, () -> new EventType(" ", 1));
        assertEquals("order.created v1", OrderCreated.TYPE.toString());
    }
}

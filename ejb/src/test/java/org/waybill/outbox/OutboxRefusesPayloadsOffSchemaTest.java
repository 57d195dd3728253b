package org.waybill.outbox;

import org.junit.jupiter.api.Test;
import org.waybill.contracts.InventoryReserved;
import org.waybill.contracts.NotificationFailed;
import org.waybill.contracts.OrderCreated;
import org.waybill.events.EventJson;
import org.waybill.events.EventSchemas;
import org.waybill.events.EventType;
import org.waybill.events.SchemaViolationException;
import org.waybill.messaging.Destinations;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox refuses a payload that does not match the schema of its type and version, before anything is written
 * (this outbox has no database: reaching it would fail differently).
 */
class OutboxRefusesPayloadsOffSchemaTest {
    private static final UUID ORDER = UUID.randomUUID();

    private static void append(EventType type, Object payload) {
        new Outbox().appendTo(Destinations.EVENTS, type, "order", ORDER.toString(), ORDER.toString(), null, payload);
    }

    @Test
    void aPayloadOffItsSchemaIsRefusedWithEveryProblemNamed() {
        OrderCreated created = new OrderCreated(ORDER, "alice", "EUR", null, List.of(
                new OrderCreated.Line("WB-MUG-01", 0, new BigDecimal("12.505")),
                new OrderCreated.Line("S".repeat(65), 1, BigDecimal.ONE)));
        SchemaViolationException e = assertThrows(SchemaViolationException.class,
                () -> append(OrderCreated.TYPE, created));
        assertTrue(e.getMessage().startsWith("payload of order.created v2 does not match its schema "
                + "schemas/events/order.created/v2.schema.json: "), e.getMessage());
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("$.lines[0].quantity"), e.getMessage());
        assertTrue(e.getMessage().contains("$.lines[0].unitPrice"), e.getMessage());
        assertTrue(e.getMessage().contains("$.lines[1].sku"), e.getMessage());
    }

    /** A payload of another type's record: what a copy-paste slip in a producer looks like. */
    @Test
    void aPayloadOfAnotherTypeIsRefused() {
        InventoryReserved reserved = new InventoryReserved(ORDER, List.of(new InventoryReserved.Line("WB-MUG-01", 1)));
        assertThrows(SchemaViolationException.class, () -> append(OrderCreated.TYPE, reserved));
    }

    @Test
    void aTypeWithoutASchemaIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> append(new EventType("order.created", 99), new Object()));
        assertEquals("no schema for order.created v99: expected schemas/events/order.created/v99.schema.json",
                e.getMessage());
    }

    /** A mail server's answer may be of any length; the event carries it cut to what ordering can quote. */
    @Test
    void aLongMailServerAnswerStillMakesAValidNotificationFailed() {
        String answer = "550 " + "no such user ".repeat(200);
        NotificationFailed failed = new NotificationFailed(ORDER, UUID.randomUUID(), "alice@shop.example",
                NotificationFailed.reasonOf(answer));
        assertEquals(List.of(), EventSchemas.problems(NotificationFailed.TYPE, EventJson.toJson(failed)));
        assertEquals(NotificationFailed.MAX_REASON, failed.reason().length());
    }
}

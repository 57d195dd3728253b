package org.waybill.ordering;

import org.junit.jupiter.api.Test;
import org.waybill.platform.RetryLaterException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderTest {
    private final Instant placedAt = Instant.parse("2026-11-26T10:00:00Z");

    private Order order() {
        return Order.place(new PlaceOrder("alice", List.of(new PlaceOrder.Line("WB-MUG-01", 2),
                new PlaceOrder.Line("WB-CAP-01", 1)), "tok_sandbox", null, null), List.of(
                new OrderLine("WB-MUG-01", 2, new BigDecimal("12.50")),
                new OrderLine("WB-CAP-01", 1, new BigDecimal("18.00"))), null, null, placedAt);
    }

    @Test
    void aNewOrderIsPlacedWithItsLinesAndTotal() {
        Order order = order();
        assertEquals(OrderStatus.PLACED, order.status());
        assertEquals(placedAt, order.updatedAt());
        assertEquals("WB-MUG-01", order.lines().get(0).sku());
        assertEquals(new BigDecimal("43.00"), order.total());
    }

    @Test
    void advancesFromTheExpectedStatusOnly() {
        Order order = order();
        order.advance(OrderStatus.PLACED, OrderStatus.STOCK_RESERVED, placedAt);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> order.advance(OrderStatus.PLACED, OrderStatus.STOCK_RESERVED, placedAt));
        assertTrue(e.getMessage().contains("is STOCK_RESERVED"), e.getMessage());
    }

    @Test
    void isCancelledOnlyOnceEveryStepConfirmedItsUndo() {
        Order order = order();
        order.cancel("payment declined", Set.of("inventory", "payment"), placedAt);
        assertEquals(OrderStatus.CANCELLING, order.status());

        assertFalse(order.compensated("inventory", placedAt));
        assertFalse(order.compensated("inventory", placedAt), "a second confirmation of the same step counts once");
        assertEquals(Set.of("payment"), order.pendingCompensations());
        assertTrue(order.compensated("payment", placedAt));
        assertEquals(OrderStatus.CANCELLED, order.status());
        assertEquals("payment declined", order.statusReason());
    }

    @Test
    void withNothingToUndoTheOrderIsCancelledAtOnce() {
        Order order = order();
        order.cancel("insufficient stock", Set.of(), placedAt);
        assertEquals(OrderStatus.CANCELLED, order.status());
    }

    @Test
    void aCancelledOrderCannotBeCancelledAgainNorConfirmationsReopenIt() {
        Order order = order();
        order.cancel("no", Set.of(), placedAt);
        assertThrows(IllegalStateException.class, () -> order.cancel("again", Set.of("inventory"), placedAt));
        assertFalse(order.compensated("inventory", placedAt));
        assertEquals(OrderStatus.CANCELLED, order.status());
    }

    @Test
    void anUndoConfirmedBeforeTheOrderIsCancellingIsRefusedNotLost() {
        Order order = order();
        order.advance(OrderStatus.PLACED, OrderStatus.STOCK_RESERVED, placedAt);
        assertThrows(RetryLaterException.class, () -> order.compensated("inventory", placedAt));
        assertEquals(OrderStatus.STOCK_RESERVED, order.status(), "unchanged");

        order.cancel("changed my mind", Set.of("inventory", "payment"), placedAt);
        assertFalse(order.compensated("inventory", placedAt), "the retried confirmation counts once the order cancels");
        assertEquals(Set.of("payment"), order.pendingCompensations());
    }

    @Test
    void customersMayCancelUntilTheShipmentIsScheduled() {
        assertEquals(Set.of(OrderStatus.PLACED, OrderStatus.STOCK_RESERVED, OrderStatus.PAID), OrderStatus.CANCELLABLE);
    }
}

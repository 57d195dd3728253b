package org.waybill.ordering;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderTest {
    private final Instant placedAt = Instant.parse("2026-11-26T10:00:00Z");

    private Order order() {
        return Order.place("alice", List.of(new OrderLine("WB-MUG-01", 2, new BigDecimal("12.50"))), placedAt);
    }

    @Test
    void aNewOrderIsPlacedWithItsLines() {
        Order order = order();
        assertEquals(OrderStatus.PLACED, order.status());
        assertEquals(placedAt, order.updatedAt());
        assertEquals("WB-MUG-01", order.lines().get(0).sku());
        assertEquals(2, order.lines().get(0).quantity());
    }

    @Test
    void advancesFromTheExpectedStatus() {
        Order order = order();
        Instant later = placedAt.plusSeconds(1);
        order.advance(OrderStatus.PLACED, OrderStatus.REJECTED, "insufficient stock", later);
        assertEquals(OrderStatus.REJECTED, order.status());
        assertEquals("insufficient stock", order.statusReason());
        assertEquals(later, order.updatedAt());
    }

    @Test
    void refusesAnEventThatDoesNotFitItsHistory() {
        Order order = order();
        order.advance(OrderStatus.PLACED, OrderStatus.STOCK_RESERVED, null, placedAt);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> order.advance(OrderStatus.PLACED, OrderStatus.REJECTED, "late", placedAt));
        assertTrue(e.getMessage().contains("is STOCK_RESERVED"), e.getMessage());
        assertEquals(OrderStatus.STOCK_RESERVED, order.status());
        assertNull(order.statusReason());
    }

    @Test
    void linesCannotBeChangedFromOutside() {
        assertThrows(UnsupportedOperationException.class, () -> order().lines().clear());
    }
}

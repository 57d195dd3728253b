package org.waybill.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One row of an order list. */
public record OrderSummary(UUID id, String customerId, OrderStatus status, Instant placedAt, Instant updatedAt,
                           BigDecimal total, long units) {
}

package org.waybill.ordering;

import org.waybill.events.EventType;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Event {@code order.created} v1: a customer placed an order. */
public record OrderCreated(UUID orderId, String customerId, String paymentToken, List<Line> lines) {
    public static final EventType TYPE = new EventType("order.created", 1);

    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }

    public BigDecimal total() {
        return lines.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public int units() {
        return lines.stream().mapToInt(Line::quantity).sum();
    }
}

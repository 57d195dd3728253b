package org.waybill.ordering;

import org.waybill.contracts.ShippingAddress;
import org.waybill.outbox.OutboxEvent;
import org.waybill.platform.TraceContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An order as ordering knows it: status, lines, total in its currency, shipping address (null if none was given) and
 * its timeline of events.
 *
 * @param waitingFor while CANCELLING, the steps that have not confirmed their undo yet
 * @param version    changes with every change of the order (the API's ETag)
 * @param traceId    the trace of the order's placement, which every step of it continues (32 hex digits); null for
 *                   an order placed without tracing
 */
public record OrderDetails(UUID id, String customerId, OrderStatus status, String statusReason, Set<String> waitingFor,
                           Instant placedAt, Instant updatedAt, long version, BigDecimal total, String currency,
                           ShippingAddress shippingAddress, String traceId, List<Line> lines,
                           List<TimelineEntry> timeline) {

    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }

    /** An event that touched the order; publishedAt is null while it waits in the outbox. */
    public record TimelineEntry(UUID eventId, String type, int version, Instant occurredAt, Instant publishedAt,
                                UUID causationId) {
    }

    static OrderDetails of(Order order, List<OutboxEvent> history) {
        return new OrderDetails(order.id(), order.customerId(), order.status(), order.statusReason(),
                order.pendingCompensations(), order.placedAt(), order.updatedAt(), order.version(), order.total(),
                order.currency(), order.shippingAddress(), TraceContext.traceId(order.traceparent()),
                order.lines().stream().map(l -> new Line(l.sku(), l.quantity(), l.unitPrice())).toList(),
                history.stream().map(e -> {
                    var event = e.envelope();
                    return new TimelineEntry(event.eventId(), event.type().name(), event.type().version(),
                            event.occurredAt(), e.publishedAt(), event.causationId());
                }).toList());
    }
}

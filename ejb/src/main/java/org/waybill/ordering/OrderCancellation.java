package org.waybill.ordering;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.waybill.contracts.OrderCancellationRequested;
import org.waybill.messaging.Destinations;
import org.waybill.outbox.Outbox;
import org.waybill.platform.LogContext;
import org.waybill.platform.PlainText;
import org.waybill.platform.Tracing;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The customer cancels: the order waits in CANCELLING until every step that may hold something for it (stock,
 * payment, shipment) confirmed its undo ({@link OrderProgress}).
 */
@Stateless
public class OrderCancellation {
    private static final Logger LOG = Logger.getLogger(OrderCancellation.class.getName());
    private static final Set<String> UNDO_ON_CUSTOMER_CANCEL =
            Set.of(Destinations.INVENTORY, Destinations.PAYMENT, Destinations.SHIPPING);

    public static final int MAX_REASON = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Tracing tracing;

    /** @param expectedVersion the version the caller saw (If-Match), or null to cancel whatever the order's state */
    public OrderDetails cancel(UUID id, String reason, Long expectedVersion) {
        if (reason != null && (reason.length() > MAX_REASON || !PlainText.isPlain(reason))) {
            throw new InvalidCancellationException("reason must be at most " + MAX_REASON + " characters, "
                    + PlainText.MESSAGE);
        }
        Order order = em.find(Order.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            throw new OrderNotFoundException(id);
        }
        if (expectedVersion != null && expectedVersion != order.version()) {
            throw new OrderChangedException(order, expectedVersion);
        }
        Span span = OrderTrace.continued(tracing.tracer(), "ordering cancel order", order);
        try (Scope current = span.makeCurrent(); LogContext log = LogContext.ofOrder(id)) {
            return cancel(order, reason);
        } catch (RuntimeException e) {
            Tracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private OrderDetails cancel(Order order, String reason) {
        UUID id = order.id();
        if (!OrderStatus.CANCELLABLE.contains(order.status())) {
            throw new OrderNotCancellableException(order);
        }
        String why = reason == null || reason.isBlank() ? "cancelled by the customer" : reason;
        order.cancel(why, UNDO_ON_CUSTOMER_CANCEL, Instant.now());
        outbox.append(OrderCancellationRequested.TYPE, Order.AGGREGATE_TYPE, id.toString(), id.toString(), null,
                new OrderCancellationRequested(id, why));
        em.flush(); // the answer carries the new version
        LOG.info(() -> "Order " + id + " cancellation requested: " + why);
        return OrderDetails.of(order, outbox.history(id.toString()));
    }
}

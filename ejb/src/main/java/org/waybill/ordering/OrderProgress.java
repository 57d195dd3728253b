package org.waybill.ordering;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.waybill.contracts.InventoryRejected;
import org.waybill.contracts.InventoryReserved;
import org.waybill.contracts.NotificationFailed;
import org.waybill.contracts.NotificationSent;
import org.waybill.contracts.OrderCancelled;
import org.waybill.contracts.OrderCompleted;
import org.waybill.contracts.PaymentCharged;
import org.waybill.contracts.PaymentDeclined;
import org.waybill.contracts.ShipmentFailed;
import org.waybill.contracts.ShipmentScheduled;
import org.waybill.events.EventEnvelope;
import org.waybill.messaging.Destinations;
import org.waybill.outbox.Outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Keeps each order's status in step with the workflow's events (ordering's subscription, {@link OrderingConsumer}).
 * When a step fails for a business reason (no stock, payment declined, shipment impossible) the order waits in
 * CANCELLING until every step that may hold something for it confirmed its undo, then it is CANCELLED.
 */
@Stateless
public class OrderProgress {
    private static final Logger LOG = Logger.getLogger(OrderProgress.class.getName());
    /** The steps that hold something for an order until they undo it, by the status it had reached. */
    private static final Set<String> UNDO_AFTER_DECLINE = Set.of(Destinations.INVENTORY);
    private static final Set<String> UNDO_AFTER_SHIPMENT_FAILED = Set.of(Destinations.INVENTORY, Destinations.PAYMENT);

    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Event<OrderEnded> ended;

    public void stockReserved(EventEnvelope cause, InventoryReserved event) {
        forward(event.orderId(), OrderStatus.PLACED, OrderStatus.STOCK_RESERVED);
    }

    public void stockRejected(EventEnvelope cause, InventoryRejected event) {
        failed(cause, event.orderId(), event.reason(), Set.of());
    }

    public void paymentCharged(EventEnvelope cause, PaymentCharged event) {
        forward(event.orderId(), OrderStatus.STOCK_RESERVED, OrderStatus.PAID);
    }

    public void paymentDeclined(EventEnvelope cause, PaymentDeclined event) {
        failed(cause, event.orderId(), "payment declined: " + event.reason(), UNDO_AFTER_DECLINE);
    }

    public void shipmentScheduled(EventEnvelope cause, ShipmentScheduled event) {
        forward(event.orderId(), OrderStatus.PAID, OrderStatus.SHIPMENT_SCHEDULED);
    }

    public void shipmentFailed(EventEnvelope cause, ShipmentFailed event) {
        failed(cause, event.orderId(), "shipment impossible: " + event.reason(), UNDO_AFTER_SHIPMENT_FAILED);
    }

    /** The receipt went out: the last step of the forward path. */
    public void receiptSent(EventEnvelope cause, NotificationSent event) {
        complete(cause, event.orderId(), null);
    }

    /** The receipt can never be sent: the order is still complete (paid and shipped), and says so. */
    public void receiptFailed(EventEnvelope cause, NotificationFailed event) {
        complete(cause, event.orderId(), "completed, but the receipt could not be sent to " + event.recipient()
                + ": " + event.reason());
    }

    private void complete(EventEnvelope cause, UUID id, String reason) {
        Order order = lock(id);
        if (isBeingCancelled(order, OrderStatus.COMPLETED)) {
            return;
        }
        order.complete(reason, Instant.now());
        outbox.appendCausedBy(cause, OrderCompleted.TYPE, new OrderCompleted(order.id()));
        ended(order);
        LOG.info(() -> "Order " + order.id() + " COMPLETED" + (reason == null ? "" : ": " + reason));
    }

    /** A step confirmed its undo (stock released, payment refunded, shipment cancelled). */
    public void undone(EventEnvelope cause, UUID id, String step) {
        Order order = lock(id);
        if (order.compensated(step, Instant.now())) {
            LOG.info(() -> "Order " + id + " CANCELLED: " + order.statusReason());
            outbox.appendCausedBy(cause, OrderCancelled.TYPE, new OrderCancelled(id, order.statusReason()));
            ended(order);
        }
    }

    private void forward(UUID id, OrderStatus from, OrderStatus to) {
        Order order = lock(id);
        if (isBeingCancelled(order, to)) {
            return;
        }
        order.advance(from, to, Instant.now());
    }

    private void failed(EventEnvelope cause, UUID id, String reason, Set<String> stepsToUndo) {
        Order order = lock(id);
        if (isBeingCancelled(order, OrderStatus.CANCELLING)) {
            return;
        }
        order.cancel(reason, stepsToUndo, Instant.now());
        LOG.info(() -> "Order " + id + " " + order.status() + ": " + reason);
        if (order.status() == OrderStatus.CANCELLED) {
            outbox.appendCausedBy(cause, OrderCancelled.TYPE, new OrderCancelled(id, reason));
            ended(order);
        }
    }

    /** For the order completion histogram, once this transaction commits. */
    private void ended(Order order) {
        ended.fire(new OrderEnded(order.status(), Duration.between(order.placedAt(), order.updatedAt())));
    }

    /** Once cancelling, progress of the forward path no longer moves the order: the undo is under way. */
    private static boolean isBeingCancelled(Order order, OrderStatus wouldBe) {
        if (order.status() == OrderStatus.CANCELLING || order.status() == OrderStatus.CANCELLED) {
            LOG.info(() -> "Order " + order.id() + " is " + order.status() + ", not moving it to " + wouldBe);
            return true;
        }
        return false;
    }

    /**
     * Why an event of the order can never be processed: an order's row is written with its order.created, before any
     * event of it exists, so no retry makes an order appear that was never placed here (another producer's event).
     */
    public Optional<String> unknownOrder(UUID id) {
        // Locked as the handler locks it, which then finds the row locked in the persistence context: one statement
        // for both (a count first cost a round trip per delivery).
        return locked(id).isPresent() ? Optional.empty()
                : Optional.of("event for unknown order " + id + ": no such order was ever placed");
    }

    private Optional<Order> locked(UUID id) {
        return Optional.ofNullable(em.find(Order.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    private Order lock(UUID id) {
        return locked(id).orElseThrow(() -> new IllegalStateException("no order " + id));
    }
}

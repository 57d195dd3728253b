package org.waybill.ordering;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.hibernate.exception.ConstraintViolationException;
import org.waybill.contracts.InventoryRejected;
import org.waybill.contracts.InventoryReleased;
import org.waybill.contracts.InventoryReserved;
import org.waybill.contracts.NotificationSent;
import org.waybill.contracts.OrderCancellationRequested;
import org.waybill.contracts.OrderCancelled;
import org.waybill.contracts.OrderCompleted;
import org.waybill.contracts.OrderCreated;
import org.waybill.contracts.PaymentCharged;
import org.waybill.contracts.PaymentDeclined;
import org.waybill.contracts.PaymentRefunded;
import org.waybill.contracts.ShipmentCancelled;
import org.waybill.contracts.ShipmentFailed;
import org.waybill.contracts.ShipmentScheduled;
import org.waybill.events.EventEnvelope;
import org.waybill.inventory.Catalogue;
import org.waybill.inventory.Product;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventHandlers;
import org.waybill.messaging.Inbox;
import org.waybill.outbox.Outbox;
import org.waybill.platform.ApplicationProblem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Places and cancels orders, and keeps each order's status in step with the workflow's events. When a step fails
 * for a business reason (no stock, payment declined, shipment impossible) or the customer cancels, the order waits
 * in CANCELLING until every step that may hold something for it confirmed its undo, then it is CANCELLED.
 */
@Stateless
public class OrderService {
    private static final Logger LOG = Logger.getLogger(OrderService.class.getName());
    private static final String IDEMPOTENCY_INDEX = "orders_idempotency_idx";
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");
    /** The steps that hold something for an order until they undo it, by the status it had reached. */
    private static final Set<String> UNDO_AFTER_DECLINE = Set.of(Destinations.INVENTORY);
    private static final Set<String> UNDO_AFTER_SHIPMENT_FAILED = Set.of(Destinations.INVENTORY, Destinations.PAYMENT);
    private static final Set<String> UNDO_ON_CUSTOMER_CANCEL =
            Set.of(Destinations.INVENTORY, Destinations.PAYMENT, Destinations.SHIPPING);

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    Catalogue catalogue;

    @Inject
    Outbox outbox;

    @Inject
    Inbox inbox;

    static final EventHandlers<OrderService> HANDLERS = new EventHandlers<OrderService>(Destinations.ORDERING)
            .on(InventoryReserved.TYPE, InventoryReserved.class,
                    (s, e, p) -> s.forward(p.orderId(), OrderStatus.PLACED, OrderStatus.STOCK_RESERVED))
            .on(InventoryRejected.TYPE, InventoryRejected.class, (s, e, p) -> s.failed(e, p.orderId(), p.reason(), Set.of()))
            .on(PaymentCharged.TYPE, PaymentCharged.class,
                    (s, e, p) -> s.forward(p.orderId(), OrderStatus.STOCK_RESERVED, OrderStatus.PAID))
            .on(PaymentDeclined.TYPE, PaymentDeclined.class,
                    (s, e, p) -> s.failed(e, p.orderId(), "payment declined: " + p.reason(), UNDO_AFTER_DECLINE))
            .on(ShipmentScheduled.TYPE, ShipmentScheduled.class,
                    (s, e, p) -> s.forward(p.orderId(), OrderStatus.PAID, OrderStatus.SHIPMENT_SCHEDULED))
            .on(ShipmentFailed.TYPE, ShipmentFailed.class,
                    (s, e, p) -> s.failed(e, p.orderId(), "shipment impossible: " + p.reason(), UNDO_AFTER_SHIPMENT_FAILED))
            .on(NotificationSent.TYPE, NotificationSent.class, (s, e, p) -> s.completed(e, p.orderId()))
            .on(InventoryReleased.TYPE, InventoryReleased.class, (s, e, p) -> s.compensated(e, p.orderId(), Destinations.INVENTORY))
            .on(PaymentRefunded.TYPE, PaymentRefunded.class, (s, e, p) -> s.compensated(e, p.orderId(), Destinations.PAYMENT))
            .on(ShipmentCancelled.TYPE, ShipmentCancelled.class, (s, e, p) -> s.compensated(e, p.orderId(), Destinations.SHIPPING));

    /** The outcome of a request to place an order; {@code repeated} when it was a retry of an earlier request. */
    public record Placement(OrderDetails order, boolean repeated) {
    }

    /**
     * Stores the order and its {@code order.created} event in one transaction. With an idempotency key, a request
     * that repeats an earlier one of the same customer (its answer was lost) returns that order instead of placing
     * a second one.
     */
    public Placement place(PlaceOrder command, String idempotencyKey) {
        Map<String, Product> products = validate(command, idempotencyKey);
        if (idempotencyKey != null) {
            Order earlier = placedWith(command.customerId(), idempotencyKey);
            if (earlier != null) {
                if (!earlier.wasPlacedBy(command)) {
                    throw new IdempotencyKeyConflictException("Idempotency-Key " + idempotencyKey
                            + " was used for a different order (" + earlier.id() + ")");
                }
                LOG.info(() -> "Order " + earlier.id() + " requested again with its Idempotency-Key; not placed twice");
                return new Placement(OrderDetails.of(earlier, outbox.history(earlier.id().toString())), true);
            }
        }
        List<OrderLine> lines = command.lines().stream()
                .map(l -> new OrderLine(l.sku(), l.quantity(), products.get(l.sku()).unitPrice()))
                .toList();
        Order order = Order.place(command.customerId(), command.paymentTokenOrDefault(), lines, idempotencyKey,
                Instant.now());
        em.persist(order);
        flushUnlessKeyTaken(idempotencyKey);
        append(order, null, OrderCreated.TYPE, new OrderCreated(order.id(), order.customerId(), order.paymentToken(),
                lines.stream().map(l -> new OrderCreated.Line(l.sku(), l.quantity(), l.unitPrice())).toList()));
        LOG.info(() -> "Order " + order.id() + " placed by " + order.customerId() + " with " + lines.size() + " line(s)");
        return new Placement(OrderDetails.of(order, List.of()), false);
    }

    private Order placedWith(String customerId, String idempotencyKey) {
        return em.createQuery("select o from Order o where o.customerId = :customer and o.idempotencyKey = :key",
                        Order.class)
                .setParameter("customer", customerId)
                .setParameter("key", idempotencyKey)
                .getResultStream().findFirst().orElse(null);
    }

    /** Two requests with the same key at the same moment: the unique index lets one in; the other is told so. */
    private void flushUnlessKeyTaken(String idempotencyKey) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConstraintViolationException c && IDEMPOTENCY_INDEX.equals(c.getConstraintName())) {
                    throw new IdempotencyKeyConflictException("a request with Idempotency-Key " + idempotencyKey
                            + " is being processed; retry it to get its order");
                }
            }
            throw e;
        }
    }

    /**
     * The customer cancels; every step undoes what it did for the order, whatever step the order is in.
     *
     * @param expectedVersion the version the caller saw (If-Match), or null to cancel whatever the order's state
     */
    public OrderDetails cancel(UUID id, String reason, Long expectedVersion) {
        Order order = em.find(Order.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            throw new OrderNotFoundException(id);
        }
        if (expectedVersion != null && expectedVersion != order.version()) {
            throw new OrderChangedException(order, expectedVersion);
        }
        if (!OrderStatus.CANCELLABLE.contains(order.status())) {
            throw new OrderNotCancellableException(order);
        }
        String why = reason == null || reason.isBlank() ? "cancelled by the customer" : reason;
        order.cancel(why, UNDO_ON_CUSTOMER_CANCEL, Instant.now());
        append(order, null, OrderCancellationRequested.TYPE, new OrderCancellationRequested(id, why));
        em.flush(); // the answer carries the new version
        LOG.info(() -> "Order " + id + " cancellation requested: " + why);
        return OrderDetails.of(order, outbox.history(id.toString()));
    }

    /** @return the ordered products by SKU, once every rule holds */
    private Map<String, Product> validate(PlaceOrder command, String idempotencyKey) {
        if (command == null) {
            throw new InvalidOrderException(List.of(new ApplicationProblem.Violation("", "an order is required")));
        }
        Map<String, Product> known = Map.of();
        List<ApplicationProblem.Violation> violations = new ArrayList<>(validator.validate(command).stream()
                .sorted(Comparator.comparing((ConstraintViolation<PlaceOrder> v) -> v.getPropertyPath().toString()))
                .map(v -> new ApplicationProblem.Violation(v.getPropertyPath().toString(), v.getMessage()))
                .toList());
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            violations.add(new ApplicationProblem.Violation("Idempotency-Key",
                    "must be 1 to 100 visible ASCII characters, e.g. a UUID"));
        }
        if (command.lines() != null) {
            List<String> skus = command.lines().stream()
                    .filter(l -> l != null && l.sku() != null && !l.sku().isBlank())
                    .map(PlaceOrder.Line::sku).toList();
            known = catalogue.products(skus);
            for (int i = 0; i < command.lines().size(); i++) {
                PlaceOrder.Line line = command.lines().get(i);
                if (line != null && skus.contains(line.sku()) && !known.containsKey(line.sku())) {
                    violations.add(new ApplicationProblem.Violation("lines[" + i + "].sku", "unknown product " + line.sku()));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidOrderException(violations);
        }
        return known;
    }

    /** A page of orders matching the query, with the number of all that match. */
    public OrderPage search(OrderQuery query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new java.util.HashMap<>();
        if (query.status() != null) {
            where.append(" and o.status = :status");
            parameters.put("status", query.status());
        }
        if (query.customerId() != null) {
            where.append(" and o.customerId = :customer");
            parameters.put("customer", query.customerId());
        }
        if (query.placedFrom() != null) {
            where.append(" and o.placedAt >= :from");
            parameters.put("from", query.placedFrom());
        }
        if (query.placedTo() != null) {
            where.append(" and o.placedAt < :to");
            parameters.put("to", query.placedTo());
        }
        var rows = em.createQuery("select new org.waybill.ordering.OrderSummary(o.id, o.customerId, o.status, "
                        + "o.placedAt, o.updatedAt, sum(l.unitPrice * l.quantity), sum(l.quantity)) "
                        + "from Order o join o.lines l" + where
                        + " group by o.id, o.customerId, o.status, o.placedAt, o.updatedAt order by "
                        + query.sort().expression + (query.descending() ? " desc" : " asc") + ", o.id", OrderSummary.class)
                .setFirstResult(query.offset())
                .setMaxResults(query.limit());
        var count = em.createQuery("select count(o) from Order o" + where, Long.class);
        parameters.forEach((name, value) -> {
            rows.setParameter(name, value);
            count.setParameter(name, value);
        });
        return new OrderPage(rows.getResultList(), count.getSingleResult(), query.offset(), query.limit());
    }

    public OrderDetails details(UUID id) {
        Order order = em.find(Order.class, id);
        if (order == null) {
            throw new OrderNotFoundException(id);
        }
        return OrderDetails.of(order, outbox.history(id.toString()));
    }

    /** Applies a workflow event to its order, once per event however often it is delivered. */
    public void apply(EventHandlers.Prepared<OrderService> event) {
        inbox.process(event, this);
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
            append(order, cause.eventId(), OrderCancelled.TYPE, new OrderCancelled(id, reason));
        }
    }

    private void compensated(EventEnvelope cause, UUID id, String step) {
        Order order = lock(id);
        if (order.compensated(step, Instant.now())) {
            LOG.info(() -> "Order " + id + " CANCELLED: " + order.statusReason());
            append(order, cause.eventId(), OrderCancelled.TYPE, new OrderCancelled(id, order.statusReason()));
        }
    }

    private void completed(EventEnvelope cause, UUID id) {
        Order order = lock(id);
        if (isBeingCancelled(order, OrderStatus.COMPLETED)) {
            return;
        }
        order.advance(OrderStatus.SHIPMENT_SCHEDULED, OrderStatus.COMPLETED, Instant.now());
        append(order, cause.eventId(), OrderCompleted.TYPE, new OrderCompleted(id));
        LOG.info(() -> "Order " + id + " COMPLETED");
    }

    /** Once cancelling, progress of the forward path no longer moves the order: the undo is under way. */
    private static boolean isBeingCancelled(Order order, OrderStatus wouldBe) {
        if (order.status() == OrderStatus.CANCELLING || order.status() == OrderStatus.CANCELLED) {
            LOG.info(() -> "Order " + order.id() + " is " + order.status() + ", not moving it to " + wouldBe);
            return true;
        }
        return false;
    }

    private void append(Order order, UUID causationId, org.waybill.events.EventType type, Object payload) {
        String id = order.id().toString();
        outbox.append(type, Order.AGGREGATE_TYPE, id, id, causationId, payload);
    }

    private Order lock(UUID id) {
        Order order = em.find(Order.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            // State, not format: an earlier event of this order may still be on its way. Retried, then dead-lettered.
            throw new IllegalStateException("event for unknown order " + id);
        }
        return order;
    }
}

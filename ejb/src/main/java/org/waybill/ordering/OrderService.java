package org.waybill.ordering;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventJson;
import org.waybill.events.UnprocessableEventException;
import org.waybill.inventory.Catalogue;
import org.waybill.inventory.InventoryRejected;
import org.waybill.inventory.InventoryReserved;
import org.waybill.inventory.Product;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.Inbox;
import org.waybill.outbox.Outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/** Places orders and keeps each order's status in step with the workflow's events. */
@Stateless
public class OrderService {
    private static final Logger LOG = Logger.getLogger(OrderService.class.getName());

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

    /** Stores the order and its {@code order.created} event in one transaction. */
    public OrderDetails place(PlaceOrder command) {
        Map<String, Product> products = validate(command);
        List<OrderLine> lines = command.lines().stream()
                .map(l -> new OrderLine(l.sku(), l.quantity(), products.get(l.sku()).unitPrice()))
                .toList();
        Order order = Order.place(command.customerId(), lines, Instant.now());
        em.persist(order);
        outbox.append(OrderCreated.TYPE, Order.AGGREGATE_TYPE, order.id().toString(), order.id().toString(), null,
                new OrderCreated(order.id(), order.customerId(), lines.stream()
                        .map(l -> new OrderCreated.Line(l.sku(), l.quantity(), l.unitPrice())).toList()));
        LOG.info(() -> "Order " + order.id() + " placed by " + order.customerId() + " with " + lines.size() + " line(s)");
        return OrderDetails.of(order, List.of());
    }

    /** @return the ordered products by SKU, once every rule holds */
    private Map<String, Product> validate(PlaceOrder command) {
        if (command == null) {
            throw new InvalidOrderException(List.of(new InvalidOrderException.Violation("", "an order is required")));
        }
        Map<String, Product> known = Map.of();
        List<InvalidOrderException.Violation> violations = new ArrayList<>(validator.validate(command).stream()
                .sorted(Comparator.comparing((ConstraintViolation<PlaceOrder> v) -> v.getPropertyPath().toString()))
                .map(v -> new InvalidOrderException.Violation(v.getPropertyPath().toString(), v.getMessage()))
                .toList());
        if (command.lines() != null) {
            List<String> skus = command.lines().stream()
                    .filter(l -> l != null && l.sku() != null && !l.sku().isBlank())
                    .map(PlaceOrder.Line::sku).toList();
            known = catalogue.products(skus);
            for (int i = 0; i < command.lines().size(); i++) {
                PlaceOrder.Line line = command.lines().get(i);
                if (line != null && skus.contains(line.sku()) && !known.containsKey(line.sku())) {
                    violations.add(new InvalidOrderException.Violation("lines[" + i + "].sku", "unknown product " + line.sku()));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidOrderException(violations);
        }
        return known;
    }

    public OrderDetails details(UUID id) {
        Order order = em.find(Order.class, id);
        if (order == null) {
            throw new OrderNotFoundException(id);
        }
        return OrderDetails.of(order, outbox.history(id.toString()));
    }

    /** Applies a workflow event to its order, once per event however often it is delivered. */
    public void apply(EventEnvelope event) {
        if (!inbox.firstDelivery(Destinations.ORDERING, event.eventId())) {
            LOG.fine(() -> "Ordering skips duplicate event " + event.eventId());
            return;
        }
        Instant now = Instant.now();
        if (event.is(InventoryReserved.TYPE)) {
            InventoryReserved reserved = EventJson.fromJson(event, InventoryReserved.class);
            lock(reserved.orderId()).advance(OrderStatus.PLACED, OrderStatus.STOCK_RESERVED, null, now);
        } else if (event.is(InventoryRejected.TYPE)) {
            InventoryRejected rejected = EventJson.fromJson(event, InventoryRejected.class);
            lock(rejected.orderId()).advance(OrderStatus.PLACED, OrderStatus.REJECTED, rejected.reason(), now);
        } else {
            throw new UnprocessableEventException("ordering does not handle " + event.type());
        }
    }

    private Order lock(UUID id) {
        Order order = em.find(Order.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            throw new UnprocessableEventException("event for unknown order " + id);
        }
        return order;
    }
}

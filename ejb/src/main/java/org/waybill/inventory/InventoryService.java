package org.waybill.inventory;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventJson;
import org.waybill.events.UnprocessableEventException;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.Inbox;
import org.waybill.ordering.Order;
import org.waybill.ordering.OrderCreated;
import org.waybill.outbox.Outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.logging.Logger;

/** Holds stock for orders: all lines or none, never more than is on hand. */
@Stateless
public class InventoryService {
    private static final Logger LOG = Logger.getLogger(InventoryService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    /** Handles an event of inventory's subscription, once per event however often it is delivered. */
    public void apply(EventEnvelope event) {
        if (!inbox.firstDelivery(Destinations.INVENTORY, event.eventId())) {
            LOG.fine(() -> "Inventory skips duplicate event " + event.eventId());
            return;
        }
        if (event.is(OrderCreated.TYPE)) {
            reserve(event, EventJson.fromJson(event, OrderCreated.class));
        } else {
            throw new UnprocessableEventException("inventory does not handle " + event.type());
        }
    }

    private void reserve(EventEnvelope cause, OrderCreated order) {
        SortedMap<String, Integer> wanted = new TreeMap<>();
        order.lines().forEach(l -> wanted.merge(l.sku(), l.quantity(), Integer::sum));
        // Locked in SKU order, so concurrent reservations never deadlock.
        Map<String, Product> products = new TreeMap<>();
        em.createQuery("select p from Product p where p.sku in :skus order by p.sku", Product.class)
                .setParameter("skus", wanted.keySet())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .forEach(p -> products.put(p.sku(), p));
        List<InventoryRejected.Shortage> shortages = wanted.entrySet().stream()
                .filter(w -> !products.containsKey(w.getKey()) || products.get(w.getKey()).available() < w.getValue())
                .map(w -> new InventoryRejected.Shortage(w.getKey(), w.getValue(),
                        products.containsKey(w.getKey()) ? products.get(w.getKey()).available() : 0))
                .toList();
        String orderId = order.orderId().toString();
        if (shortages.isEmpty()) {
            Instant now = Instant.now();
            wanted.forEach((sku, quantity) -> {
                products.get(sku).reserve(quantity);
                em.persist(new StockReservation(order.orderId(), sku, quantity, now));
            });
            outbox.append(InventoryReserved.TYPE, Order.AGGREGATE_TYPE, orderId, cause.correlationId(), cause.eventId(),
                    new InventoryReserved(order.orderId(), wanted.entrySet().stream()
                            .map(w -> new InventoryReserved.Line(w.getKey(), w.getValue())).toList()));
            LOG.info(() -> "Stock reserved for order " + orderId);
        } else {
            InventoryRejected rejected = new InventoryRejected(order.orderId(), shortages);
            outbox.append(InventoryRejected.TYPE, Order.AGGREGATE_TYPE, orderId, cause.correlationId(), cause.eventId(),
                    rejected);
            LOG.info(() -> "Order " + orderId + " rejected: " + rejected.reason());
        }
    }
}

package org.waybill.inventory;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.contracts.InventoryRejected;
import org.waybill.contracts.InventoryReleased;
import org.waybill.contracts.InventoryReserved;
import org.waybill.contracts.OrderCreated;
import org.waybill.events.EventEnvelope;
import org.waybill.outbox.Outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Logger;

/** Holds stock for orders, all lines or none, never more than is on hand; releases it when an order is undone. */
@Stateless
public class InventoryService {
    private static final Logger LOG = Logger.getLogger(InventoryService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    /**
     * order.created: holds the stock of every line, or rejects the order with its shortages. An order inventory has
     * released already (its undo came first) gets nothing: the undo is confirmed again instead, nothing held.
     */
    public void reserve(EventEnvelope cause, OrderCreated order) {
        lockOrder(order.orderId());
        if (wasReleased(order.orderId())) {
            outbox.appendCausedBy(cause, InventoryReleased.TYPE, new InventoryReleased(order.orderId(), List.of()));
            LOG.info(() -> "Order " + order.orderId() + " was released before its stock was reserved: nothing reserved");
            return;
        }
        SortedMap<String, Integer> wanted = new TreeMap<>();
        order.lines().forEach(l -> wanted.merge(l.sku(), l.quantity(), Integer::sum));
        Map<String, Product> products = lockProducts(wanted.keySet());
        List<InventoryRejected.Shortage> shortages = wanted.entrySet().stream()
                .filter(w -> !products.containsKey(w.getKey()) || products.get(w.getKey()).available() < w.getValue())
                .map(w -> new InventoryRejected.Shortage(w.getKey(), w.getValue(),
                        products.containsKey(w.getKey()) ? products.get(w.getKey()).available() : 0))
                .toList();
        if (shortages.isEmpty()) {
            Instant now = Instant.now();
            wanted.forEach((sku, quantity) -> {
                products.get(sku).reserve(quantity);
                em.persist(new StockReservation(order.orderId(), sku, quantity, now));
            });
            outbox.appendCausedBy(cause, InventoryReserved.TYPE, new InventoryReserved(order.orderId(), lines(wanted)));
            LOG.info(() -> "Stock reserved for order " + order.orderId());
        } else {
            InventoryRejected rejected = new InventoryRejected(order.orderId(), shortages);
            outbox.appendCausedBy(cause, InventoryRejected.TYPE, rejected);
            LOG.info(() -> "Order " + order.orderId() + " rejected: " + rejected.reason());
        }
    }

    /**
     * Gives back whatever is still held for the order, and confirms the undo even when nothing was held. The release
     * is remembered, so that the order never gets stock afterwards.
     */
    public void release(EventEnvelope cause, UUID orderId) {
        lockOrder(orderId);
        em.createNativeQuery("""
                        INSERT INTO stock_releases (order_id, released_at, cause) VALUES (?1, now(), ?2)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, orderId)
                .setParameter(2, cause.type().name())
                .executeUpdate();
        List<StockReservation> held = em.createQuery(
                        "select r from StockReservation r where r.key.orderId = :order and r.releasedAt is null",
                        StockReservation.class)
                .setParameter("order", orderId)
                .getResultList();
        SortedMap<String, Integer> released = new TreeMap<>();
        held.forEach(r -> released.merge(r.sku(), r.quantity(), Integer::sum));
        Map<String, Product> products = lockProducts(released.keySet());
        Instant now = Instant.now();
        held.forEach(r -> {
            products.get(r.sku()).release(r.quantity());
            r.release(now);
        });
        outbox.appendCausedBy(cause, InventoryReleased.TYPE, new InventoryReleased(orderId, lines(released)));
        LOG.info(() -> "Released " + released + " for order " + orderId + " (" + cause.type() + ")");
    }

    /**
     * One reservation or release of an order at a time (until the transaction ends): a release that runs beside the
     * order's reservation would otherwise see nothing held yet, and the reservation no release.
     */
    private void lockOrder(UUID orderId) {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(?1))) locked")
                .setParameter(1, "inventory:" + orderId)
                .getSingleResult();
    }

    private boolean wasReleased(UUID orderId) {
        return !em.createNativeQuery("SELECT 1 FROM stock_releases WHERE order_id = ?1")
                .setParameter(1, orderId)
                .getResultList().isEmpty();
    }

    /** Locked in SKU order, so concurrent reservations and releases never deadlock. */
    private Map<String, Product> lockProducts(Collection<String> skus) {
        Map<String, Product> products = new TreeMap<>();
        if (skus.isEmpty()) {
            return products;
        }
        Products.lockedInSkuOrder(em, skus).forEach(p -> products.put(p.sku(), p));
        return products;
    }

    private static List<InventoryReserved.Line> lines(SortedMap<String, Integer> quantities) {
        return quantities.entrySet().stream().map(q -> new InventoryReserved.Line(q.getKey(), q.getValue())).toList();
    }
}

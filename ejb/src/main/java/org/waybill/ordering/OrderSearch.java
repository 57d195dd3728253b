package org.waybill.ordering;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.outbox.Outbox;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads orders for the screens and the API: pages of summaries, one order with its timeline, its owner. */
@Stateless
public class OrderSearch {
    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    /** A page of orders matching the query, with the number of all that match. */
    public OrderPage search(OrderQuery query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
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

    /** The order with its timeline of events. */
    public OrderDetails details(UUID id) {
        Order order = em.find(Order.class, id);
        if (order == null) {
            throw new OrderNotFoundException(id);
        }
        return OrderDetails.of(order, outbox.history(id.toString()));
    }

    /** Who placed the order: enough to check that a caller may act on it. */
    public String customerOf(UUID id) {
        return em.createQuery("select o.customerId from Order o where o.id = :id", String.class)
                .setParameter("id", id)
                .getResultStream().findFirst().orElseThrow(() -> new OrderNotFoundException(id));
    }

    /**
     * How many orders are in each status that is not final; read by its (status, placed_at) index, so it costs what
     * is under way, not every order ever placed. Every such status is in the map, zero or not.
     */
    public Map<OrderStatus, Long> underWayByStatus() {
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        List<OrderStatus> underWay = Arrays.stream(OrderStatus.values()).filter(s -> !s.isFinal()).toList();
        underWay.forEach(s -> counts.put(s, 0L));
        em.createQuery("select o.status, count(o) from Order o where o.status in :underWay group by o.status",
                        Object[].class)
                .setParameter("underWay", underWay)
                .getResultList()
                .forEach(row -> counts.put((OrderStatus) row[0], (Long) row[1]));
        return counts;
    }
}

package org.waybill.ordering;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.contracts.Money;
import org.waybill.contracts.OrderContents;
import org.waybill.contracts.OrderContentsQuery;

import java.util.Optional;
import java.util.UUID;

/** Ordering's side of the {@link OrderContentsQuery} port: the order and its lines, without its timeline. */
@ApplicationScoped
public class OrderContentsReader implements OrderContentsQuery {
    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<OrderContents> find(UUID orderId) {
        return Optional.ofNullable(em.find(Order.class, orderId)).map(o -> new OrderContents(o.id(), o.customerId(),
                o.lines().stream().map(l -> new OrderContents.Line(l.sku(), l.quantity(),
                        new Money(l.unitPrice(), o.currency()))).toList(),
                new Money(o.total(), o.currency())));
    }
}

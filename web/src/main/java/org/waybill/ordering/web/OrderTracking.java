package org.waybill.ordering.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.waybill.deadletters.DeadLetter;
import org.waybill.deadletters.DeadLetterOperations;
import org.waybill.messaging.DeliveryHolds;
import org.waybill.ordering.OrderDetails;
import org.waybill.ordering.OrderService;
import org.waybill.payment.PaymentService;
import org.waybill.platform.Failures;
import org.waybill.shipping.ShippingService;
import org.waybill.web.Caller;

import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * An order with what each step knows of it, for the order screen and {@code GET /api/orders/{id}}. Operators also
 * see the steps retrying one of its events and its dead letters; a customer sees only their own orders.
 */
@ApplicationScoped
public class OrderTracking {
    private static final Logger LOG = Logger.getLogger(OrderTracking.class.getName());

    @Inject
    OrderService orders;

    @Inject
    PaymentService payments;

    @Inject
    ShippingService shipments;

    @Inject
    DeliveryHolds holds;

    @Inject
    DeadLetterOperations deadLetters;

    public OrderDetails track(UUID id, Caller caller) {
        OrderDetails order = orders.details(id);
        caller.ensureMaySee(id, order.customerId());
        boolean operations = caller.actsForAnyone();
        return order.tracked(payments.view(id).orElse(null), shipments.view(id).orElse(null),
                operations ? holds.holdsOf(id.toString()) : null, operations ? deadLettersOf(id) : null);
    }

    /** The order is readable while the broker is away; its dead letters are then left out (null). */
    private List<DeadLetter> deadLettersOf(UUID id) {
        try {
            return deadLetters.lettersOf(id);
        } catch (RuntimeException e) {
            LOG.fine(() -> "Dead letters of order " + id + " left out: " + Failures.message(e));
            return null;
        }
    }
}

package org.waybill.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.waybill.deadletters.DeadLetter;
import org.waybill.deadletters.DeadLetterOperations;
import org.waybill.messaging.DeliveryHolds;
import org.waybill.ordering.OrderDetails;
import org.waybill.ordering.OrderSearch;
import org.waybill.payment.PaymentService;
import org.waybill.platform.Failures;
import org.waybill.shipping.ShippingService;

import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * An order with what each step knows of it, for the order screen and {@code GET /api/orders/{id}}: it reads
 * across the workflow areas, which is why it sits above them.
 */
@ApplicationScoped
public class OrderTracking {
    private static final Logger LOG = Logger.getLogger(OrderTracking.class.getName());

    @Inject
    OrderSearch orders;

    @Inject
    PaymentService payments;

    @Inject
    ShippingService shipments;

    @Inject
    DeliveryHolds holds;

    @Inject
    DeadLetterOperations deadLetters;

    /** @param forOperator whether to add the order's retries and dead letters */
    public TrackedOrder track(UUID id, boolean forOperator) {
        OrderDetails order = orders.details(id);
        return TrackedOrder.of(order, payments.view(id).orElse(null), shipments.view(id).orElse(null),
                forOperator ? holds.holdsOf(id.toString()) : null, forOperator ? deadLettersOf(id) : null);
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

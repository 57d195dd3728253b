package org.waybill.ordering;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventConsumer;
import org.waybill.messaging.EventHandlers;

/**
 * Ordering's subscription: every step's outcome moves the order's status.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.ORDERING_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class OrderingConsumer extends EventConsumer<OrderService> {
    @Inject
    OrderService orders;

    public OrderingConsumer() {
        super(OrderService.HANDLERS, Destinations.ORDERING_QUEUE);
    }

    @Override
    protected void handle(EventHandlers.Prepared<OrderService> event) {
        orders.apply(event);
    }
}

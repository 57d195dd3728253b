package org.waybill.shipping;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventConsumer;
import org.waybill.messaging.EventHandlers;

/**
 * Shipping's subscription: schedules the shipment once the order is paid, cancels it when the order is undone.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.SHIPPING_SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class ShippingConsumer extends EventConsumer<ShippingService> {
    @Inject
    ShippingService shipping;

    public ShippingConsumer() {
        super(ShippingService.HANDLERS, Destinations.SHIPPING_QUEUE);
    }

    @Override
    protected void handle(EventHandlers.Prepared<ShippingService> event) {
        shipping.apply(event);
    }
}

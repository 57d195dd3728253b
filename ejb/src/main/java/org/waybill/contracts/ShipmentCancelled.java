package org.waybill.contracts;

import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/** Event {@code shipment.cancelled} v1: shipping confirms it undid its part; nothing will be shipped. */
public record ShipmentCancelled(@NotNull UUID orderId) implements OrderEvent {
    public static final EventType TYPE = new EventType("shipment.cancelled", 1);
}

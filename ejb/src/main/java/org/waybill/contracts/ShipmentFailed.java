package org.waybill.contracts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/** Event {@code shipment.failed} v1: no carrier can take the order; a business failure, the order is undone. */
public record ShipmentFailed(@NotNull UUID orderId, @NotBlank String reason) implements OrderEvent {
    public static final EventType TYPE = new EventType("shipment.failed", 1);
}

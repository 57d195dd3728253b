package org.waybill.contracts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.time.LocalDate;
import java.util.UUID;

/** Event {@code shipment.scheduled} v1: a carrier picks the order up on shipDate. */
public record ShipmentScheduled(@NotNull UUID orderId, @NotBlank String carrier, @NotNull LocalDate shipDate,
                                @NotBlank String trackingNumber) implements OrderEvent {
    public static final EventType TYPE = new EventType("shipment.scheduled", 1);
}

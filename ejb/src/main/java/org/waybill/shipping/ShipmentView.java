package org.waybill.shipping;

import java.time.Instant;
import java.time.LocalDate;

/** An order's shipment as the screens and the API show it. */
public record ShipmentView(ShipmentStatus status, int units, String carrier, LocalDate shipDate, String trackingNumber,
                           String reason, Instant updatedAt) {
}

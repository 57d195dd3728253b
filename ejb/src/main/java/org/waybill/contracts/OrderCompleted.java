package org.waybill.contracts;

import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/** Event {@code order.completed} v1: paid, shipment scheduled, receipt sent. */
public record OrderCompleted(@NotNull UUID orderId) implements OrderEvent {
    public static final EventType TYPE = new EventType("order.completed", 1);
}

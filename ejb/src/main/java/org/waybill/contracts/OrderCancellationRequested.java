package org.waybill.contracts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/** Event {@code order.cancellation-requested} v1: the customer cancelled; every step undoes what it did. */
public record OrderCancellationRequested(@NotNull UUID orderId, @NotBlank String reason) implements OrderEvent {
    public static final EventType TYPE = new EventType("order.cancellation-requested", 1);
}

package org.waybill.contracts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/** Event {@code order.cancelled} v1: the order is off and every step has undone its work. */
public record OrderCancelled(@NotNull UUID orderId, @NotBlank String reason) implements OrderEvent {
    public static final EventType TYPE = new EventType("order.cancelled", 1);
}

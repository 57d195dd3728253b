package org.waybill.contracts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/** Event {@code notification.sent} v1: the customer's receipt went out. */
public record NotificationSent(@NotNull UUID orderId, @NotNull UUID notificationId, @NotBlank String recipient) implements OrderEvent {
    public static final EventType TYPE = new EventType("notification.sent", 1);
}

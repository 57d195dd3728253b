package org.waybill.contracts;

import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/** Event {@code notification.sent} v1: the customer's receipt went out. */
public record NotificationSent(@NotNull UUID orderId, UUID notificationId, String recipient) {
    public static final EventType TYPE = new EventType("notification.sent", 1);
}

package org.waybill.contracts;

import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/** Work item {@code notification.email-requested} v1, on the e-mail queue: send this notification. */
public record EmailRequested(@NotNull UUID notificationId, @NotNull UUID orderId) implements OrderEvent {
    public static final EventType TYPE = new EventType("notification.email-requested", 1);
}

package org.waybill.contracts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/**
 * Event {@code notification.failed} v1: the customer's receipt can never be sent (the address is invalid or the mail
 * server refused it for good). The order still ends; operators see why.
 */
public record NotificationFailed(@NotNull UUID orderId, @NotNull UUID notificationId, @NotBlank String recipient,
                                 @NotBlank String reason) implements OrderEvent {
    public static final EventType TYPE = new EventType("notification.failed", 1);
}

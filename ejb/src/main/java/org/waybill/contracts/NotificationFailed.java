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
    /** Ordering quotes the reason with the recipient in orders.status_reason (1000 characters); see the schema. */
    public static final int MAX_REASON = 500;

    /** A reason as the event may carry it: a mail server's answer can be of any length. */
    public static String reasonOf(String why) {
        return why.length() > MAX_REASON ? why.substring(0, MAX_REASON - 3) + "..." : why;
    }
}

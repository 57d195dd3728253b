package org.waybill.contracts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/**
 * Event {@code payment.refunded} v2: payment confirms it undid its part for the order. amount is what went back to
 * the customer, with its currency: zero when nothing had been charged. v1 documents (a bare amount) are read through
 * {@link AmountInEurosFromV1}.
 */
public record PaymentRefunded(@NotNull UUID orderId, @NotNull @Valid Money amount) implements OrderEvent {
    public static final EventType TYPE = new EventType("payment.refunded", 2);
}

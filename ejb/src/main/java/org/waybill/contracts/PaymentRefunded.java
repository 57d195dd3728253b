package org.waybill.contracts;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.waybill.events.EventType;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Event {@code payment.refunded} v1: payment confirms it undid its part for the order. amount is what went back
 * to the customer: zero when nothing had been charged.
 */
public record PaymentRefunded(@NotNull UUID orderId, @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal amount) implements OrderEvent {
    public static final EventType TYPE = new EventType("payment.refunded", 1);
}

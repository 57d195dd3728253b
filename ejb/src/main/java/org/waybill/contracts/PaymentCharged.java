package org.waybill.contracts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.waybill.events.EventType;

import java.math.BigDecimal;
import java.util.UUID;

/** Event {@code payment.charged} v1: the customer paid for the order. */
public record PaymentCharged(@NotNull UUID orderId, @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal amount, @NotBlank String chargeId) implements OrderEvent {
    public static final EventType TYPE = new EventType("payment.charged", 1);
}

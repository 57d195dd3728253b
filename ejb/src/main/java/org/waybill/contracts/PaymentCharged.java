package org.waybill.contracts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/**
 * Event {@code payment.charged} v2: the customer paid for the order; the amount with its currency. v1 documents (a
 * bare amount) are read through {@link AmountInEurosFromV1}.
 */
public record PaymentCharged(@NotNull UUID orderId, @NotNull @Valid Money amount, @NotBlank String chargeId)
        implements OrderEvent {
    public static final EventType TYPE = new EventType("payment.charged", 2);
}

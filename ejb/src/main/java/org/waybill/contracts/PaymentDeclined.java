package org.waybill.contracts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.UUID;

/**
 * Event {@code payment.declined} v2: the gateway refused the charge; a business failure, not retried. The amount with
 * its currency; v1 documents (a bare amount) are read through {@link AmountInEurosFromV1}.
 */
public record PaymentDeclined(@NotNull UUID orderId, @NotNull @Valid Money amount, @NotBlank String reason)
        implements OrderEvent {
    public static final EventType TYPE = new EventType("payment.declined", 2);
}

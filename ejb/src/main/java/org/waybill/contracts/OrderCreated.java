package org.waybill.contracts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.waybill.events.EventType;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Event {@code order.created} v2: a customer placed an order, priced in a currency, with the shipping address if one
 * was given (null otherwise). v1 documents are read through {@link OrderCreatedFromV1}.
 */
public record OrderCreated(@NotNull UUID orderId, @NotBlank String customerId,
                           @NotNull @Pattern(regexp = Money.CURRENCY_CODE) String currency,
                           @Valid ShippingAddress shippingAddress,
                           @NotEmpty List<@NotNull @Valid Line> lines) implements OrderEvent {
    public static final EventType TYPE = new EventType("order.created", 2);

    public record Line(@NotBlank String sku, @Positive int quantity,
                       @NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal unitPrice) {
    }

    public Money total() {
        return new Money(lines.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add), currency);
    }

    public int units() {
        return lines.stream().mapToInt(Line::quantity).sum();
    }
}

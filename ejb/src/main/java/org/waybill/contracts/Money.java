package org.waybill.contracts;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import java.math.BigDecimal;

/** An amount with its currency, as {@code numeric(12, 2)} and a currency column keep them: never one without the other. */
public record Money(@NotNull @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal value,
                   @NotNull @Pattern(regexp = Money.CURRENCY_CODE) String currency) {
    /** An ISO 4217 code. */
    public static final String CURRENCY_CODE = "[A-Z]{3}";

    @Override
    public String toString() {
        return value.toPlainString() + " " + currency;
    }
}

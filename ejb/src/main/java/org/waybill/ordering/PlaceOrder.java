package org.waybill.ordering;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.waybill.contracts.CustomerIds;
import org.waybill.contracts.ProductPrices;
import org.waybill.contracts.ShippingAddress;
import org.waybill.platform.PlainText;

import java.util.List;

/**
 * What a customer asks for: the command behind the order screen and {@code POST /api/orders}.
 *
 * @param paymentToken    the tokenised card the payment gateway charges; optional, the sandbox's default when absent
 * @param currency        the currency the customer expects to pay in (ISO 4217); optional, the catalogue's
 *                        ({@link ProductPrices#CURRENCY}) when absent, and refused when it is another
 * @param shippingAddress where the order goes; optional, whole when given
 */
public record PlaceOrder(
        @NotBlank(message = "is required") @Size(max = 100)
        @Pattern(regexp = CustomerIds.PATTERN, message = CustomerIds.RULE) String customerId,
        @NotEmpty(message = "must have at least one line")
        @Size(max = MAX_LINES, message = "must have at most 100 lines") List<@NotNull @Valid Line> lines,
        @Size(max = 100) @Pattern(regexp = "tok_[A-Za-z0-9_]+", message = "must look like tok_...") String paymentToken,
        @Pattern(regexp = ProductPrices.CURRENCY, message = "must be " + ProductPrices.CURRENCY
                + ": the catalogue's prices are in it") String currency,
        @Valid ShippingAddress shippingAddress) {

    public static final String DEFAULT_PAYMENT_TOKEN = "tok_sandbox";
    public static final int MAX_LINES = 100;
    public static final int MAX_QUANTITY = 10_000;

    public record Line(
            @NotBlank(message = "is required") @Size(max = 64)
            @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE) String sku,
            @NotNull(message = "is required") @Positive(message = "must be greater than 0")
            @Max(value = MAX_QUANTITY, message = "must be at most 10000") Integer quantity) {
    }

    /** The same request for the given customer. */
    public PlaceOrder forCustomer(String customer) {
        return new PlaceOrder(customer, lines, paymentToken, currency, shippingAddress);
    }

    public String paymentTokenOrDefault() {
        return paymentToken == null ? DEFAULT_PAYMENT_TOKEN : paymentToken;
    }

    public String currencyOrDefault() {
        return currency == null ? ProductPrices.CURRENCY : currency;
    }
}

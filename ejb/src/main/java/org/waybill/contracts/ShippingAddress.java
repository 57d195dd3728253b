package org.waybill.contracts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.waybill.platform.PlainText;

/**
 * Where an order goes, as the customer gives it when placing the order and as {@code order.created} v2 carries it.
 * The limits are the columns' ({@code orders.shipping_*}) and the schema's.
 */
public record ShippingAddress(
        @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE) String name,
        @NotBlank(message = "is required") @Size(max = 200) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE) String street,
        @NotBlank(message = "is required") @Size(max = 20) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE) String postalCode,
        @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE) String city,
        @NotNull(message = "is required") @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") String country) {
}

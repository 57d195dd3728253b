package org.waybill.contracts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.waybill.events.EventType;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Event {@code inventory.rejected} v1: some lines cannot be served; nothing was held. */
public record InventoryRejected(@NotNull UUID orderId, @NotEmpty List<@NotNull @Valid Shortage> shortages) implements OrderEvent {
    public static final EventType TYPE = new EventType("inventory.rejected", 1);

    /** available is boxed: a primitive would read a missing field as 0, which is a valid amount. */
    public record Shortage(@NotBlank String sku, @Positive int requested, @NotNull @PositiveOrZero Integer available) {
    }

    public String reason() {
        return "insufficient stock: " + shortages.stream()
                .map(s -> s.sku() + " (requested " + s.requested() + ", available " + s.available() + ")")
                .collect(Collectors.joining(", "));
    }
}

package org.waybill.contracts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.waybill.events.EventType;

import java.util.List;
import java.util.UUID;

/** Event {@code inventory.reserved} v1: stock is held for every line of the order. */
public record InventoryReserved(@NotNull UUID orderId, @NotEmpty List<@NotNull @Valid Line> lines) implements OrderEvent {
    public static final EventType TYPE = new EventType("inventory.reserved", 1);

    public record Line(@NotBlank String sku, @Positive int quantity) {
    }
}

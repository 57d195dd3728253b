package org.waybill.contracts;

import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.List;
import java.util.UUID;

/** Event {@code inventory.reserved} v1: stock is held for every line of the order. */
public record InventoryReserved(@NotNull UUID orderId, List<Line> lines) {
    public static final EventType TYPE = new EventType("inventory.reserved", 1);

    public record Line(String sku, int quantity) {
    }
}

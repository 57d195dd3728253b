package org.waybill.contracts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.List;
import java.util.UUID;

/**
 * Event {@code inventory.released} v1: stock held for the order is available again. Inventory confirms every undo
 * request with it; lines is empty when nothing was held.
 */
public record InventoryReleased(@NotNull UUID orderId, @NotNull List<InventoryReserved.@NotNull @Valid Line> lines) implements OrderEvent {
    public static final EventType TYPE = new EventType("inventory.released", 1);
}

package org.waybill.contracts;

import jakarta.validation.constraints.NotNull;
import org.waybill.events.EventType;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Event {@code inventory.rejected} v1: some lines cannot be served; nothing was held. */
public record InventoryRejected(@NotNull UUID orderId, List<Shortage> shortages) {
    public static final EventType TYPE = new EventType("inventory.rejected", 1);

    public record Shortage(String sku, int requested, int available) {
    }

    public String reason() {
        return "insufficient stock: " + shortages.stream()
                .map(s -> s.sku() + " (requested " + s.requested() + ", available " + s.available() + ")")
                .collect(Collectors.joining(", "));
    }
}

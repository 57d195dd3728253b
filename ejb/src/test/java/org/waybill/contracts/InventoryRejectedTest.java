package org.waybill.contracts;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InventoryRejectedTest {
    @Test
    void theReasonNamesEveryShortSku() {
        InventoryRejected rejected = new InventoryRejected(UUID.randomUUID(), List.of(
                new InventoryRejected.Shortage("WB-LAMP-01", 9, 5),
                new InventoryRejected.Shortage("WB-POSTER-01", 1, 0)));
        assertEquals("insufficient stock: WB-LAMP-01 (requested 9, available 5), WB-POSTER-01 (requested 1, available 0)",
                rejected.reason());
    }
}

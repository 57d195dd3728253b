package org.waybill.shipping;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShippingServiceTest {
    @Test
    void shipsOnTheNextWorkingDay() {
        assertEquals(LocalDate.of(2026, 11, 27), ShippingService.nextWorkingDay(LocalDate.of(2026, 11, 26))); // Thu -> Fri
        assertEquals(LocalDate.of(2026, 11, 30), ShippingService.nextWorkingDay(LocalDate.of(2026, 11, 27))); // Fri -> Mon
        assertEquals(LocalDate.of(2026, 11, 30), ShippingService.nextWorkingDay(LocalDate.of(2026, 11, 28))); // Sat -> Mon
    }
}

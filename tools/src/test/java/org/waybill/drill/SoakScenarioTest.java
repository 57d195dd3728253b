package org.waybill.drill;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The soak's rule for a purged table over the last third of the run: flat, or it grows. */
class SoakScenarioTest {

    @Test
    void aPurgedTableSawingByLessThanOneSamplesInflowIsFlat() {
        // The inbox of the 4-minute soak: purged every 10 s, sampled every 20 s.
        assertTrue(SoakScenario.flat(List.of(3398L, 3364L, 3378L, 3382L)));
    }

    @Test
    void aTableThatKeepsGrowingIsNot() {
        // Not purged: 300 rows a sample over the last third, about a third of its mean.
        assertFalse(SoakScenario.flat(List.of(6000L, 6300L, 6600L, 6900L, 7200L, 7500L, 7800L, 8100L, 8400L, 8700L)));
        // Growing slowly, by a tenth of its inflow: a purge that falls behind.
        assertFalse(SoakScenario.flat(List.of(3000L, 3030L, 3400L, 3430L, 3800L, 3830L, 4200L, 4230L, 4600L)));
    }

    @Test
    void aLiveStateTableOfAHandfulOfRowsIsFlat() {
        assertTrue(SoakScenario.flat(List.of(0L, 2L, 0L, 1L, 3L)));
        assertFalse(SoakScenario.flat(List.of(0L, 8L, 16L, 24L)));
    }
}

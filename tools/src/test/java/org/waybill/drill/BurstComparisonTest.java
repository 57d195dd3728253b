package org.waybill.drill;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The burst comparison's rule: the limit shortens the drain only if its burst is shorter in every round. */
class BurstComparisonTest {

    @Test
    void shorterBehindTheLimitInEveryRoundIsMet() {
        List<BurstComparison.Round> rounds = List.of(round(180.0, 190.0), round(185.0, 186.0));
        assertTrue(BurstComparison.shorterBehindTheLimit(rounds));
        assertEquals("Target: the whole burst ends sooner behind the limit: met (medians 182.5 s behind it, "
                + "188.0 s without; shorter in 2 of 2 round(s))", BurstComparison.verdict(rounds));
    }

    @Test
    void aLowerMedianWithARoundTheOtherWayIsNot() {
        // A lower median behind the limit, yet one round the other way: within the runs' spread.
        List<BurstComparison.Round> rounds = List.of(round(178.8, 190.2), round(190.5, 180.3), round(186.5, 196.5));
        assertFalse(BurstComparison.shorterBehindTheLimit(rounds));
        assertEquals("Target: the whole burst ends sooner behind the limit: NOT met (medians 186.5 s behind it, "
                + "190.2 s without; shorter in 2 of 3 round(s))", BurstComparison.verdict(rounds));
    }

    @Test
    void anEqualBurstIsNotShorter() {
        assertFalse(BurstComparison.shorterBehindTheLimit(List.of(round(190.0, 190.0))));
    }

    private static BurstComparison.Round round(double limited, double none) {
        return new BurstComparison.Round(burst(limited), burst(none));
    }

    private static BurstScenario.Outcome burst(double seconds) {
        return new BurstScenario.Outcome(true, seconds, seconds - 10, 0, 1_000, 2_000, 100);
    }
}

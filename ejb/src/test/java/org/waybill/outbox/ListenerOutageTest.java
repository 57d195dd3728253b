package org.waybill.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listener logs an outage once and its end once, and tries again ever more slowly, up to a bound. */
class ListenerOutageTest {
    private static final long SECOND = 1_000_000_000L;
    private final ListenerOutage outage = new ListenerOutage();

    @Test
    void firstConnectionIsNoRecovery() {
        assertEquals(Optional.empty(), outage.listening(5 * SECOND));
    }

    @Test
    void onlyTheFirstFailureOfAnOutageIsLoggedAndTheRecoveryTellsHowLongItLasted() {
        assertTrue(outage.failed(10 * SECOND));
        for (int attempt = 2; attempt <= 20; attempt++) {
            assertFalse(outage.failed((10 + attempt) * SECOND), "attempt " + attempt);
        }
        assertEquals(Optional.of(Duration.ofSeconds(25)), outage.listening(35 * SECOND));
        assertEquals(Optional.empty(), outage.listening(36 * SECOND), "told once");
        assertTrue(outage.failed(40 * SECOND), "a new outage is logged again");
    }

    @Test
    void retriesDoubleFromOneSecondUpToThirty() {
        List<Long> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            outage.failed(attempt * SECOND);
            delays.add(outage.delay().toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), delays);
        outage.listening(100 * SECOND);
        outage.failed(200 * SECOND);
        assertEquals(Duration.ofSeconds(1), outage.delay(), "a new outage starts over");
    }
}

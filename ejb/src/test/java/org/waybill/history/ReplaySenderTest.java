package org.waybill.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A replay being sent when the application stops ends at its next page, rather than holding the undeployment until its
 * last page (WildFly waits for the sender's invocation) or failing on a component stopped under it. It stays RUNNING,
 * and is resumed like one whose node died.
 */
class ReplaySenderTest {
    @Test
    void aReplayEndsAtItsNextPageOnceTheApplicationStops() {
        ReplayResumption resumption = new ReplayResumption();
        resumption.stopping = new ReplaysStopping();
        AtomicInteger pages = new AtomicInteger();
        ReplaySender sender = new ReplaySender();
        sender.stopping = resumption.stopping;
        sender.pages = new ReplayPages() {
            @Override
            public boolean sendNext(UUID replayId, UUID by, boolean resent) {
                if (pages.incrementAndGet() == 3) {
                    resumption.stopSenders(); // as WildFly stops it, before the senders
                }
                return true; // a long replay: more pages always follow
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> sender.send(UUID.randomUUID(), UUID.randomUUID(), false),
                "the replay went on after the application began to stop");
        assertEquals(3, pages.get(), "pages sent");
    }
}

package org.waybill.outbox;

import java.time.Duration;
import java.util.Optional;

/**
 * The outbox listener's losses of its connection: how long to wait before the next attempt (1 s, doubling up to
 * 30 s), and which moments deserve a log line: the first failure of an outage and the recovery, never each retry.
 */
final class ListenerOutage {
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    /** When the outage began (System.nanoTime()); meaningful only while attempts > 0. */
    private long since;
    private int attempts;

    /** An attempt failed (at that System.nanoTime()); true when it is the first of the outage, the one to log. */
    boolean failed(long nanoTime) {
        if (attempts++ == 0) {
            since = nanoTime;
            return true;
        }
        return false;
    }

    /** How long to wait after the latest failure. */
    Duration delay() {
        int doublings = Math.min(attempts - 1, 5); // 2^5 s is past the maximum already
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.max(doublings, 0));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** Listening (again): how long the outage lasted, the recovery to log; empty when there was none. */
    Optional<Duration> listening(long nanoTime) {
        if (attempts == 0) {
            return Optional.empty();
        }
        attempts = 0;
        return Optional.of(Duration.ofNanos(nanoTime - since));
    }
}

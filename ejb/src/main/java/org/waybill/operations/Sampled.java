package org.waybill.operations;

import java.time.Duration;

/** Some figures as sampled, and when (System.nanoTime()), so that a reader can tell a stale sample from a fresh one. */
record Sampled<T>(T figures, long at) {
    static <T> Sampled<T> now(T figures) {
        return new Sampled<>(figures, System.nanoTime());
    }

    /** Whether the sample is there and younger than {@code limit}. */
    static boolean fresh(Sampled<?> sampled, Duration limit) {
        return sampled != null && System.nanoTime() - sampled.at() < limit.toNanos();
    }

    Duration age() {
        return Duration.ofNanos(System.nanoTime() - at);
    }
}

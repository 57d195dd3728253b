package org.waybill.bench;

/**
 * Tells when warm-up drains have become steady: one within 10% of the one before. The servers and the benchmark's
 * own JVM compile their paths over several drains (on 2026-12-01 five back-to-back broker-limit drains of 100,000
 * events ran at 8,202, 14,379, 15,751, 17,041 and 19,702 events/s), so a fixed warm-up left the first measurement
 * cold.
 */
final class WarmUp {
    private static final double STEADY = 0.1;
    private double last;

    /** @return whether this drain's rate is within 10% of the previous drain's */
    boolean steady(double eventsPerSecond) {
        boolean steady = last > 0 && Math.abs(eventsPerSecond - last) <= STEADY * last;
        last = eventsPerSecond;
        return steady;
    }
}

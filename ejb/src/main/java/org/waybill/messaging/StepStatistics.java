package org.waybill.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What each workflow step did on this node since the last flush: deliveries processed and failed, and how long they
 * took. Recorded by every message-driven bean after each delivery, so it only adds to counters; the
 * {@code OperationsMonitor} moves the counts to the database every few seconds. The same deliveries go to
 * Prometheus as they happen ({@link StepMeters}).
 */
@ApplicationScoped
public class StepStatistics {
    /** One step's counts since the last flush. */
    public record Counts(long processed, long failed, long totalMicros, long maxMicros) {
    }

    private static final class Counters {
        final LongAdder processed = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder totalMicros = new LongAdder();
        final LongAccumulator maxMicros = new LongAccumulator(Math::max, 0);

        Counts takeAll() {
            return new Counts(processed.sumThenReset(), failed.sumThenReset(), totalMicros.sumThenReset(),
                    maxMicros.getThenReset());
        }
    }

    private final Map<String, Counters> steps = new ConcurrentHashMap<>();

    @Inject
    StepMeters meters;

    /** A delivery to the consumer ended after {@code nanos}, as the outcome says. */
    public void record(String consumer, long nanos, StepOutcome outcome) {
        meters.record(consumer, nanos, outcome);
        Counters counters = steps.computeIfAbsent(consumer, c -> new Counters());
        long micros = nanos / 1_000;
        (outcome.wentThrough() ? counters.processed : counters.failed).increment();
        counters.totalMicros.add(micros);
        counters.maxMicros.accumulate(micros);
    }

    /** The counts since the last call, per consumer; the counters start again from zero. */
    public Map<String, Counts> takeAll() {
        Map<String, Counts> taken = new java.util.TreeMap<>();
        steps.forEach((consumer, counters) -> {
            Counts counts = counters.takeAll();
            if (counts.processed() + counts.failed() > 0) {
                taken.put(consumer, counts);
            }
        });
        return taken;
    }
}

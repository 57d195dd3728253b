package org.waybill.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.waybill.platform.Meters;
import org.waybill.platform.StartupMeterBinder;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The deliveries to each consumed queue's consumer, for Prometheus: {@value #PROCESSING}, a histogram per consumer and
 * {@link StepOutcome}, whose count is the number of deliveries (processed, duplicates dropped by the inbox, held for
 * ordering, failed attempts). Every consumer and outcome is registered at start, so a first failure is a change
 * from zero that alert rules see.
 */
@ApplicationScoped
public class StepMeters extends StartupMeterBinder {
    public static final String PROCESSING = "waybill.step.processing";

    private Map<String, Map<StepOutcome, Timer>> timers = Map.of();

    @Override
    public void bindTo(MeterRegistry registry) {
        Map<String, Map<StepOutcome, Timer>> all = new HashMap<>();
        for (String queue : Destinations.CONSUMED_QUEUES.keySet()) {
            String consumer = Destinations.consumerOf(queue);
            Map<StepOutcome, Timer> byOutcome = new EnumMap<>(StepOutcome.class);
            for (StepOutcome outcome : StepOutcome.values()) {
                byOutcome.put(outcome, Timer.builder(PROCESSING)
                        .description("Deliveries to a workflow step and how long each took, by how it ended")
                        .tag("consumer", consumer)
                        .tag("outcome", outcome.tag())
                        .serviceLevelObjectives(Meters.LATENCY_BUCKETS)
                        .register(registry));
            }
            all.put(consumer, byOutcome);
        }
        timers = all;
    }

    /** Adds to a map's counters only: no lookup beyond two maps, no allocation. */
    void record(String consumer, long nanos, StepOutcome outcome) {
        Map<StepOutcome, Timer> byOutcome = timers.get(consumer);
        if (byOutcome != null) {
            byOutcome.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}

package org.waybill.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.ordering.Backlog;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The backlog the admission limit steers by, as {@link AdmissionSampling} last sampled it: every
 * {@code waybill.admission.sample-interval-millis} (1,000 by default) while a limit is set. A figure that missed
 * {@value #STALE_AFTER_SAMPLES} samples in a row (the database or the broker did not answer) reads as missing.
 */
@ApplicationScoped
public class AdmissionBacklog implements Backlog {
    static final int STALE_AFTER_SAMPLES = 5;

    @Inject
    @ConfigProperty(name = "waybill.admission.sample-interval-millis", defaultValue = "1000")
    long intervalMillis;

    private volatile Sampled<Long> outbox;
    private volatile Sampled<Map<String, Long>> queues;

    Duration interval() {
        return Duration.ofMillis(Math.max(1, intervalMillis));
    }

    void outbox(long waiting) {
        outbox = Sampled.now(waiting);
    }

    void queues(Map<String, Long> depths) {
        queues = Sampled.now(Map.copyOf(depths));
    }

    @Override
    public Sample latest() {
        Duration staleAfter = interval().multipliedBy(STALE_AFTER_SAMPLES);
        Sampled<Long> o = outbox;
        Sampled<Map<String, Long>> q = queues;
        return new Sample(Sampled.fresh(o, staleAfter) ? OptionalLong.of(o.figures()) : OptionalLong.empty(),
                Sampled.fresh(q, staleAfter) ? q.figures() : Map.of());
    }
}

package org.waybill.ordering;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.platform.StartupMeterBinder;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The admission limit of the order intake: while the outbox and the consumed queues together hold more than
 * {@code waybill.admission.max-backlog} (0, the default: no limit), a new order is refused so that the steps can
 * work off what waits instead of sharing the cores with an intake that keeps adding to it. The sum, not each queue on
 * its own: an order feeds several queues, ordering's about four times, so a limit per queue let the last ones grow
 * past it. It reads the backlog {@link Backlog} last sampled, never the database or the broker; a figure not sampled
 * recently counts for nothing (fail open). Refusals are counted in {@value #REFUSED}, by where most of the backlog was.
 */
@ApplicationScoped
public class OrderAdmission extends StartupMeterBinder {
    public static final String REFUSED = "waybill.orders.refused";
    private static final Logger LOG = Logger.getLogger(OrderAdmission.class.getName());

    /** Where most of the backlog was, the label {@code reason} of {@value #REFUSED}. */
    enum Reason {
        OUTBOX, QUEUE;

        String label() {
            return name().toLowerCase();
        }
    }

    /** Why an order is refused: how much waits in all, and where most of it. */
    record Refusal(long waiting, Reason reason, String largest, long largestWaiting) {
        String describe() {
            return String.format(Locale.ROOT, "%,d events and messages wait (the most in %s: %,d)", waiting, largest,
                    largestWaiting);
        }
    }

    /** Read at every order, so a system property set at run time takes effect at once. */
    @Inject
    @ConfigProperty(name = "waybill.admission.max-backlog", defaultValue = "0")
    Supplier<Long> maxBacklog;

    @Inject
    @ConfigProperty(name = "waybill.admission.retry-after-seconds", defaultValue = "1")
    Supplier<Long> retryAfterSeconds;

    @Inject
    Backlog backlog;

    private final Map<Reason, Counter> refused = new EnumMap<>(Reason.class);
    /** Set while figures are missing, so that this is logged once per gap, not once per order. */
    private final AtomicBoolean missingLogged = new AtomicBoolean();

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Reason reason : Reason.values()) {
            refused.put(reason, Counter.builder(REFUSED)
                    .description("New orders refused by the admission limit, by where most of the backlog was")
                    .tag("reason", reason.label())
                    .register(registry));
        }
    }

    /** Whether an admission limit is set; read anew at every call. */
    public boolean limited() {
        return maxBacklog.get() > 0;
    }

    /** @throws AdmissionLimitException when the last sampled backlog is over the limit */
    void admit() {
        long limit = maxBacklog.get();
        if (limit <= 0) {
            return;
        }
        Backlog.Sample sample = backlog.latest();
        noteMissingFigures(sample, limit);
        Optional<Refusal> refusal = refusal(limit, sample);
        if (refusal.isPresent()) {
            Refusal r = refusal.get();
            refused.get(r.reason()).increment();
            long seconds = Math.max(1, retryAfterSeconds.get());
            throw new AdmissionLimitException(String.format(Locale.ROOT, "Waybill takes no new orders while it "
                    + "works off a backlog: %s (the admission limit is %,d). Nothing was placed; place the order "
                    + "again in %d s.", r.describe(), limit, seconds), Duration.ofSeconds(seconds));
        }
    }

    /** The refusal when the known figures add up to more than the limit; none when they are within it. */
    static Optional<Refusal> refusal(long limit, Backlog.Sample sample) {
        if (limit <= 0) {
            return Optional.empty();
        }
        long outbox = sample.outbox().orElse(0);
        long waiting = outbox + sample.queues().values().stream().mapToLong(Long::longValue).sum();
        if (waiting <= limit) {
            return Optional.empty();
        }
        Optional<Map.Entry<String, Long>> queue = sample.queues().entrySet().stream().max(Map.Entry.comparingByValue());
        if (queue.isEmpty() || outbox >= queue.get().getValue()) {
            return Optional.of(new Refusal(waiting, Reason.OUTBOX, "the outbox", outbox));
        }
        return Optional.of(new Refusal(waiting, Reason.QUEUE, "queue " + queue.get().getKey(), queue.get().getValue()));
    }

    private void noteMissingFigures(Backlog.Sample sample, long limit) {
        if (sample.incomplete()) {
            if (missingLogged.compareAndSet(false, true)) {
                LOG.warning(() -> "Admission limit " + limit + ": the backlog of the "
                        + (sample.outbox().isEmpty() ? "outbox" : "queues") + " was not sampled recently; "
                        + "orders are not refused for it until it is");
            }
        } else if (missingLogged.compareAndSet(true, false)) {
            LOG.info(() -> "Admission limit " + limit + ": the whole backlog is sampled again");
        }
    }
}

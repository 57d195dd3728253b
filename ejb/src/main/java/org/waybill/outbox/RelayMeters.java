package org.waybill.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.waybill.platform.Meters;
import org.waybill.platform.StartupMeterBinder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the relay did, for Prometheus, counted once its batch committed: batches ({@value #BATCHES}, by outcome),
 * events published ({@value #PUBLISHED}) and how long each waited in the outbox before the broker had it
 * ({@value #PUBLISH_LATENCY}, a histogram); and the commits to the outbox, of any node, that woke it through
 * PostgreSQL ({@value #NOTIFICATIONS}).
 */
@ApplicationScoped
public class RelayMeters extends StartupMeterBinder {
    public static final String BATCHES = "waybill.relay.batches";
    public static final String PUBLISHED = "waybill.events.published";
    public static final String PUBLISH_LATENCY = "waybill.events.publish.latency";
    public static final String NOTIFICATIONS = "waybill.relay.notifications";

    private Counter publishedBatches;
    private Counter failedBatches;
    private Counter published;
    private Timer latency;
    private Counter notifications;

    @Override
    public void bindTo(MeterRegistry registry) {
        publishedBatches = batches(registry, "published");
        failedBatches = batches(registry, "failed");
        published = Counter.builder(PUBLISHED).description("Events the relay moved from the outbox to the broker")
                .register(registry);
        latency = Timer.builder(PUBLISH_LATENCY)
                .description("Time from an event's outbox row being written to the broker taking it")
                .serviceLevelObjectives(Meters.LATENCY_BUCKETS)
                .register(registry);
        notifications = Counter.builder(NOTIFICATIONS)
                .description("Commits to the outbox of other nodes that this node's relay heard of through PostgreSQL "
                        + "(LISTEN " + OutboxListener.CHANNEL + ")")
                .register(registry);
    }

    private static Counter batches(MeterRegistry registry, String outcome) {
        return Counter.builder(BATCHES).description("Outbox batches the relay sent, by outcome (failed: rolled back)")
                .tag("outcome", outcome).register(registry);
    }

    void published(List<OutboxEvent> rows, Instant at) {
        publishedBatches.increment();
        published.increment(rows.size());
        rows.forEach(row -> latency.record(Duration.between(row.envelope().occurredAt(), at)));
    }

    void failed() {
        failedBatches.increment();
    }

    void notified(long commits) {
        notifications.increment(commits);
    }
}

package org.waybill.outbox;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.platform.Coalesced;
import org.waybill.platform.Failures;
import org.waybill.platform.PeriodicTask;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves outbox rows to the broker. It wakes right after a transaction of this node that wrote events commits, when
 * another node's does ({@link OutboxListener}), and polls as a fallback (a notification missed while the listener
 * reconnects, a broker that was away). One drain runs at a time on this node; a wake-up during a drain makes it go
 * round once more, so no commit waits for the next poll. A node with {@code waybill.relay.enabled=false} never
 * publishes.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxRelay extends PeriodicTask {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    /** False: this node leaves publishing to the others (a node that only serves screens and consumers, tests). */
    @Inject
    @ConfigProperty(name = "waybill.relay.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "waybill.relay.batch-size", defaultValue = "100")
    int batchSize;

    @Inject
    @ConfigProperty(name = "waybill.relay.poll-millis", defaultValue = "500")
    long pollMillis;

    @Inject
    OutboxBatch batch;

    @Inject
    RelayMeters meters;

    @Inject
    RelaySpans spans;

    private final Coalesced drain = new Coalesced(this::drain);
    /** Since when publishing fails (System.nanoTime()), and how many batches failed since; 0 while it works. */
    private volatile long failingSince;
    private volatile int failedAttempts;
    private volatile String lastFailure;

    @PostConstruct
    void started() {
        if (enabled) {
            LOG.info(() -> "Outbox relay started: batches of " + batchSize + ", polling every " + pollMillis + " ms");
        } else {
            LOG.info("Outbox relay disabled on this node (waybill.relay.enabled=false): other nodes publish its events");
        }
    }

    @Override
    protected Duration period() {
        return Duration.ofMillis(pollMillis);
    }

    @Override
    protected Duration firstRunAfter() {
        return Duration.ZERO;
    }

    /** The poll: a fallback for events this node was not told of (other nodes' commits, a broker that was away). */
    @Override
    protected void runOnce() {
        wake();
    }

    public void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        wake();
    }

    public void wake() {
        if (!enabled) {
            return;
        }
        drain.request(executor);
    }

    private void drain() {
        while (publishBatch() == batchSize) {
            // a full batch: more rows are probably waiting
        }
    }

    private int publishBatch() {
        List<OutboxEvent> published;
        try {
            published = batch.publish(batchSize, failedAttempts > 0);
            if (failedAttempts > 0) {
                LOG.info(String.format("Outbox relay publishes again, after %.1f s and %d failed attempt(s)",
                        (System.nanoTime() - failingSince) / 1e9, failedAttempts));
                failedAttempts = 0;
            }
        } catch (RuntimeException e) {
            meters.failed();
            lastFailure = Failures.message(e);
            // The batch rolled back: its rows stay in the outbox for the next attempt. Log a failure once, not per poll.
            if (failedAttempts == 0) {
                failingSince = System.nanoTime();
            }
            if (++failedAttempts == 1) {
                LOG.log(Level.WARNING, "Outbox relay cannot publish, retrying every " + pollMillis + " ms: "
                        + Failures.message(e), Failures.isTransient(e) || e instanceof PublishFailedException ? null : e);
            } else {
                LOG.fine(() -> "Outbox relay attempt " + failedAttempts + " failed: " + Failures.message(e));
            }
            return 0;
        }
        // Outside the batch's try: the batch committed, so nothing here may count as a failed one.
        if (!published.isEmpty()) {
            Instant at = Instant.now();
            meters.published(published, at);
            spans.published(published, at);
        }
        return published.size();
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** How long publishing has failed without a batch getting through; zero while it works. */
    public Duration failingFor() {
        return failedAttempts == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - failingSince);
    }

    /** Why the last failed batch failed, while publishing fails; empty while it works. */
    public Optional<String> lastFailure() {
        return failedAttempts == 0 ? Optional.empty() : Optional.ofNullable(lastFailure);
    }
}

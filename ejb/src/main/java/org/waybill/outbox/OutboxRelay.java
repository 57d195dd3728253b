package org.waybill.outbox;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.platform.Coalesced;
import org.waybill.platform.PeriodicTask;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Moves outbox rows to the broker. It wakes right after a transaction of this node that wrote events commits
 * ({@link OutboxWakeUps}), when another node's does ({@link OutboxListener}), and polls as a fallback (a notification
 * missed while the listener reconnects, a broker that was away). A wake-up during a drain makes it go round once
 * more, so no commit waits for the next poll. A wake-up starts one worker; while its batches come back full (a
 * backlog), up to {@code waybill.relay.workers} workers drain side by side, each batch in its own transaction, so
 * that one batch's claim and marking overlap another's wait at the broker. They never hold the same order: the claim
 * skips an order whose first row another relay has locked ({@link OutboxClaim}), as it does between nodes. A node
 * with {@code waybill.relay.enabled=false} never publishes. When the application stops, the batches under way end
 * before {@link OutboxBatch} and the {@link EventPublisher} it sends with, which this singleton depends on, are
 * stopped; none starts after.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "OutboxBatch", "EventPublisher"})
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

    /**
     * At most this many batches under way at once on this node, while a backlog lasts. 3: on the build machine three
     * drained a median of 17% more than two in two pairs of relay benchmark runs, run in both orders
     * (docs/performance-log.md, Three relay workers); with three the two cores were 86 to 92% busy while it drained.
     */
    @Inject
    @ConfigProperty(name = "waybill.relay.workers", defaultValue = "3")
    int workers;

    /** Where the drain's workers run. */
    @Resource
    ManagedExecutorService executor;

    @Inject
    OutboxBatch batch;

    @Inject
    RelayMeters meters;

    @Inject
    RelaySpans spans;

    @Inject
    OutboxWakeUps wakeUps;

    /**
     * Built here rather than in {@link #started()}: PeriodicTask's PostConstruct runs first and its first poll may
     * come before ours. So the worker count, injected after construction, is read when a worker would start.
     */
    private final Coalesced drain = new Coalesced(() -> workers, this::publishFullBatch);
    private final RelayFailures failures = new RelayFailures();
    /** This instance's own wake-up, not the component's: a late commit's call must not meet a stopped component. */
    private final Runnable wakeUp = this::wake;

    @PostConstruct
    void started() {
        wakeUps.add(wakeUp);
        if (enabled) {
            LOG.info(() -> "Outbox relay started: batches of " + batchSize + ", up to " + workers
                    + " at once, polling every " + pollMillis + " ms");
        } else {
            LOG.info("Outbox relay disabled on this node (waybill.relay.enabled=false): other nodes publish its events");
        }
    }

    /** Runs after PeriodicTask's, which ends the polls. */
    @PreDestroy
    void stopWorkers() {
        wakeUps.remove(wakeUp);
        try {
            if (!drain.stop(STOP_WAIT)) {
                LOG.warning("Outbox relay stopped with a batch still under way after " + STOP_WAIT.toSeconds()
                        + " s; its rows stay in the outbox until the relay runs again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    public void wake() {
        if (!enabled) {
            return;
        }
        drain.request(executor);
    }

    /** One batch; true if it was full, so that more rows are probably waiting. */
    private boolean publishFullBatch() {
        return publishBatch() == batchSize;
    }

    private int publishBatch() {
        List<OutboxEvent> published;
        try {
            boolean eventByEvent = failures.failing();
            published = batch.publish(batchSize, eventByEvent);
            failures.published(eventByEvent);
        } catch (RuntimeException e) {
            meters.failed();
            failures.failed(e, pollMillis);
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
        return failures.failingFor();
    }

    /** Why the last failed batch failed, while publishing fails; empty while it works. */
    public Optional<String> lastFailure() {
        return failures.lastFailure();
    }
}

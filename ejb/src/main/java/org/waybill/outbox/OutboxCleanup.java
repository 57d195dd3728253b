package org.waybill.outbox;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.platform.PeriodicTask;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Keeps the outbox small: every {@code waybill.outbox.cleanup-interval-seconds} (default 30) it moves rows published
 * more than {@code waybill.outbox.retention-seconds} ago (default 600) into the event log, in batches. Every node
 * runs it: a batch takes its rows {@code FOR UPDATE SKIP LOCKED} ({@link EventLogMove}), so two nodes move different
 * rows and never wait for each other.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "EventLogMove"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxCleanup extends PeriodicTask {
    private static final Logger LOG = Logger.getLogger(OutboxCleanup.class.getName());
    private static final int BATCH = 5_000;

    @Inject
    EventLogMove move;

    @Inject
    @ConfigProperty(name = "waybill.outbox.retention-seconds", defaultValue = "600")
    long retentionSeconds;

    @Inject
    @ConfigProperty(name = "waybill.outbox.cleanup-interval-seconds", defaultValue = "30")
    long intervalSeconds;

    @Override
    protected Duration period() {
        return Duration.ofSeconds(intervalSeconds);
    }

    @Override
    protected void runOnce() {
        int moved;
        long total = 0;
        do {
            moved = move.publishedBefore(retentionSeconds, BATCH);
            total += moved;
        } while (moved == BATCH && !stopping());
        long done = total;
        if (done > 0) {
            LOG.fine(() -> "Moved " + done + " published outbox row(s) to the event log");
        }
    }
}

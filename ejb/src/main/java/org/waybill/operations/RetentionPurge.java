package org.waybill.operations;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.platform.PeriodicTask;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Keeps the tables that grow with every event bounded. Every {@code waybill.retention.interval-seconds} (default
 * 300) it deletes their rows older than each table's retention, in batches of {@value #BATCH} rows, each in a short
 * transaction of its own so that no purge holds locks for long, and on one node at a time ({@link #onOneNode()}).
 * Each retention is an ISO-8601 duration ({@code P30D}, {@code PT5M}: the soak drill runs with minutes); zero
 * ({@code PT0S}) keeps the table's rows for ever. The defaults and why:
 * <ul>
 *   <li>{@code inbox}, {@code waybill.retention.inbox} = P30D: a row must outlive every copy of its event that can
 *       still arrive: redeliveries (minutes), a message parked in a dead-letter queue until an operator retries it,
 *       and the broker's duplicate-detection window. A dead letter retried after this long could take effect
 *       twice.</li>
 *   <li>{@code event_log}, {@code waybill.retention.event-log} = P90D: the replayable history and the orders'
 *       timelines; keep longer (or 0) if analytics replays further back.</li>
 *   <li>{@code operator_actions}, {@code waybill.retention.operator-actions} = P365D: the audit of retries and
 *       discards.</li>
 *   <li>{@code step_statistics}, {@code waybill.retention.step-statistics} = P1D: the dashboard shows the last
 *       15 minutes.</li>
 *   <li>{@code replays}, {@code waybill.retention.replays} = P30D after a replay is DONE (RUNNING and FAILED ones stay
 *       until they are): the record answers a retry of its request with the same Idempotency-Key without sending the
 *       history again (clients retry within minutes or hours), and shows operators what was sent.</li>
 * </ul>
 * {@code delivery_holds} are live state, not history: a hold ends when its event succeeds or is discarded.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "Election", "RetentionBatch"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RetentionPurge extends PeriodicTask {
    static final int BATCH = 5_000;
    private static final Logger LOG = Logger.getLogger(RetentionPurge.class.getName());

    @Inject
    RetentionBatch batch;

    @Inject
    @ConfigProperty(name = "waybill.retention.interval-seconds", defaultValue = "300")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "waybill.retention.inbox", defaultValue = "P30D")
    Duration inbox;

    @Inject
    @ConfigProperty(name = "waybill.retention.event-log", defaultValue = "P90D")
    Duration eventLog;

    @Inject
    @ConfigProperty(name = "waybill.retention.operator-actions", defaultValue = "P365D")
    Duration operatorActions;

    @Inject
    @ConfigProperty(name = "waybill.retention.step-statistics", defaultValue = "P1D")
    Duration stepStatistics;

    @Inject
    @ConfigProperty(name = "waybill.retention.replays", defaultValue = "P30D")
    Duration replays;

    @Override
    protected Duration period() {
        return Duration.ofSeconds(intervalSeconds);
    }

    /** Two purges at once would delete the same rows, waiting on each other's row locks, or deadlock. */
    @Override
    protected boolean onOneNode() {
        return true;
    }

    @Override
    protected void runOnce() {
        Map<RetentionBatch.Table, Duration> retentions = Map.of(RetentionBatch.Table.INBOX, inbox,
                RetentionBatch.Table.EVENT_LOG, eventLog,
                RetentionBatch.Table.OPERATOR_ACTIONS, operatorActions,
                RetentionBatch.Table.STEP_STATISTICS, stepStatistics,
                RetentionBatch.Table.REPLAYS, replays);
        Map<String, Long> purged = new TreeMap<>();
        for (var retention : retentions.entrySet()) {
            if (purges(retention.getValue()) && !stopping()) {
                long rows = purge(retention.getKey(), Instant.now().minus(retention.getValue()));
                if (rows > 0) {
                    purged.put(retention.getKey().name, rows);
                }
            }
        }
        if (!purged.isEmpty()) {
            LOG.info(() -> "Retention purge deleted " + purged + " row(s) past their retention");
        }
    }

    /** Whether a retention purges at all: zero (or less) keeps the rows for ever. */
    private static boolean purges(Duration retention) {
        return !retention.isZero() && !retention.isNegative();
    }

    /** @return the rows deleted */
    private long purge(RetentionBatch.Table table, Instant before) {
        long total = 0;
        int deleted;
        do {
            deleted = batch.delete(table, before, BATCH);
            total += deleted;
        } while (deleted == BATCH && !stopping());
        return total;
    }
}

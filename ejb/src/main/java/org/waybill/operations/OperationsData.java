package org.waybill.operations;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.messaging.StepStatistics;
import org.waybill.platform.SqlValues;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's numbers that live in the database: the outbox, and the steps' statistics. A singleton open to
 * concurrent calls (it keeps no state) that the tasks using it depend on, so that WildFly stops it after them and the
 * monitor's last flush when the application stops finds it running: a singleton as the specification has
 * {@code @DependsOn}, though WildFly orders a stateless bean so named too ({@link org.waybill.platform.PeriodicTask}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OperationsData {
    /** Step statistics older than this are deleted when new ones are written. */
    private static final Duration KEEP = Duration.ofDays(1);

    @PersistenceContext
    EntityManager em;

    public OperationsReport.Outbox outbox() {
        Object[] row = (Object[]) em.createNativeQuery("""
                        WITH waiting AS (
                            SELECT occurred_at FROM outbox o
                             WHERE published_at IS NULL
                               AND NOT EXISTS (SELECT 1 FROM outbox s
                                                WHERE s.aggregate_id = o.aggregate_id AND s.set_aside_at IS NOT NULL))
                        SELECT (SELECT count(*) FROM waiting),
                               (SELECT extract(epoch FROM now() - min(occurred_at)) * 1000 FROM waiting),
                               avg(extract(epoch FROM published_at - occurred_at) * 1000),
                               max(extract(epoch FROM published_at - occurred_at) * 1000),
                               (SELECT count(*) FROM outbox WHERE set_aside_at IS NOT NULL)
                          FROM event_history WHERE published_at > now() - interval '1 minute'""")
                .getSingleResult();
        return new OperationsReport.Outbox(((Number) row[0]).longValue(), millis(row[1]), millis(row[2]), millis(row[3]),
                ((Number) row[4]).longValue());
    }

    /**
     * The events waiting for the relay, not counting those set aside: a count on the partial index of unpublished rows
     * ({@code outbox_unpublished_idx}), cheap enough for the admission limit to ask every second. Unlike
     * {@link #outbox()} it still counts the later events of an order whose event was set aside; they are few.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long unpublishedEvents() {
        return ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox WHERE published_at IS NULL AND set_aside_at IS NULL")
                .getSingleResult()).longValue();
    }

    /** Adds this node's counts to the bucket they belong to, and forgets old buckets. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(Instant bucket, String node, Map<String, StepStatistics.Counts> counts) {
        counts.forEach((consumer, c) -> em.createNativeQuery("""
                        INSERT INTO step_statistics (bucket, node, consumer, processed, failed, total_micros, max_micros)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                        ON CONFLICT (bucket, node, consumer) DO UPDATE SET
                            processed = step_statistics.processed + EXCLUDED.processed,
                            failed = step_statistics.failed + EXCLUDED.failed,
                            total_micros = step_statistics.total_micros + EXCLUDED.total_micros,
                            max_micros = greatest(step_statistics.max_micros, EXCLUDED.max_micros)""")
                .setParameter(1, Timestamp.from(bucket))
                .setParameter(2, node)
                .setParameter(3, consumer)
                .setParameter(4, c.processed())
                .setParameter(5, c.failed())
                .setParameter(6, c.totalMicros())
                .setParameter(7, c.maxMicros())
                .executeUpdate());
        em.createNativeQuery("DELETE FROM step_statistics WHERE bucket < ?1")
                .setParameter(1, Timestamp.from(bucket.minus(KEEP)))
                .executeUpdate();
    }

    /** Each step's totals over the window, all nodes together. */
    @SuppressWarnings("unchecked")
    public List<OperationsReport.Step> steps(Duration window) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT consumer, sum(processed), sum(failed), sum(total_micros), max(max_micros)
                          FROM step_statistics WHERE bucket >= ?1 GROUP BY consumer ORDER BY consumer""")
                .setParameter(1, Timestamp.from(Instant.now().minus(window)))
                .getResultList();
        return rows.stream().map(r -> {
            long processed = ((Number) r[1]).longValue();
            long failed = ((Number) r[2]).longValue();
            long attempts = processed + failed;
            return new OperationsReport.Step((String) r[0], processed, failed,
                    attempts == 0 ? 0 : (double) failed / attempts,
                    attempts == 0 ? 0 : ((Number) r[3]).doubleValue() / attempts / 1_000,
                    ((Number) r[4]).doubleValue() / 1_000);
        }).toList();
    }

    /** Each step per 10-second bucket over the window, all nodes together, oldest first. */
    @SuppressWarnings("unchecked")
    public List<OperationsReport.StepPoint> stepSeries(Duration window) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT bucket, consumer, sum(processed), sum(failed), sum(total_micros)
                          FROM step_statistics WHERE bucket >= ?1 GROUP BY bucket, consumer ORDER BY bucket, consumer""")
                .setParameter(1, Timestamp.from(Instant.now().minus(window)))
                .getResultList();
        return rows.stream().map(r -> {
            long processed = ((Number) r[2]).longValue();
            long failed = ((Number) r[3]).longValue();
            long attempts = processed + failed;
            return new OperationsReport.StepPoint(SqlValues.instant(r[0]), (String) r[1], processed, failed,
                    attempts == 0 ? 0 : ((Number) r[4]).doubleValue() / attempts / 1_000);
        }).toList();
    }

    private static Long millis(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue());
    }
}

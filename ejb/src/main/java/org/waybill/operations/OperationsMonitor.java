package org.waybill.operations;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.waybill.messaging.StepStatistics;
import org.waybill.ordering.OrderSearch;
import org.waybill.platform.Failures;
import org.waybill.platform.PeriodicTask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every {@value #PERIOD_SECONDS} s: moves this node's step statistics to the database, and samples the outbox, the
 * orders under way and the queues, for Prometheus ({@link OperationsGauges}) and for the dashboard's charts (the last
 * {@value #SAMPLES} samples, 15 minutes). Every node runs it: the step statistics are each node's own (its rows, by
 * {@code jboss.node.name}, added to if two nodes share a name), and so are the gauges and samples; the removal of old
 * statistics is one idempotent DELETE, which finds the rows gone when another node removed them first.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "OperationsData", "BrokerQueues", "OrderSearch", "EventPublisher"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OperationsMonitor extends PeriodicTask {
    static final int PERIOD_SECONDS = 10;
    static final int SAMPLES = 90;
    /** The window of the dashboard's step totals and charts. */
    public static final Duration STEP_WINDOW = Duration.ofMinutes(5);
    public static final Duration CHART_WINDOW = Duration.ofMinutes(15);

    @Inject
    StepStatistics statistics;

    @Inject
    OperationsData data;

    @Inject
    BrokerQueues broker;

    @Inject
    OrderSearch orders;

    @Inject
    OperationsGauges gauges;

    private final String node = System.getProperty("jboss.node.name", "waybill");
    private final Deque<OperationsReport.Sample> samples = new ArrayDeque<>();

    @Override
    protected Duration period() {
        return Duration.ofSeconds(PERIOD_SECONDS);
    }

    /** The last counts of this node go to the database when the application stops. */
    @PreDestroy
    void flushOnStop() {
        flush();
    }

    /** The dashboard now: fresh numbers from the broker and the database, with the recent samples. */
    public OperationsReport report() {
        List<QueueStats> queues = List.of();
        String brokerProblem = null;
        try {
            queues = broker.consumedQueues();
        } catch (RuntimeException e) {
            brokerProblem = Failures.message(e);
        }
        return new OperationsReport(Instant.now(), queues, brokerProblem, data.outbox(), data.steps(STEP_WINDOW),
                recentSamples(), data.stepSeries(CHART_WINDOW));
    }

    private synchronized List<OperationsReport.Sample> recentSamples() {
        return List.copyOf(samples);
    }

    /**
     * Samples the queues, then moves the step statistics to the database and samples the outbox and the orders; what
     * fails leaves a gap on the charts and stale gauges. The broker is asked first and on its own, so that a database
     * outage never reads as a broker that stopped answering (the broker's readiness check goes by these answers).
     */
    @Override
    protected void runOnce() {
        List<QueueStats> queues;
        try {
            queues = broker.consumedQueues();
        } catch (RuntimeException e) {
            gauges.brokerUnanswered(Failures.message(e));
            try {
                sampleDatabase();
            } catch (RuntimeException databaseToo) {
                e.addSuppressed(databaseToo);
            }
            throw e;
        }
        gauges.queues(queues);
        OperationsReport.Outbox outbox = sampleDatabase();
        Map<String, Long> depths = new TreeMap<>();
        queues.forEach(q -> depths.put(q.name(), q.depth()));
        OperationsReport.Sample sample = new OperationsReport.Sample(Instant.now(), depths, outbox.backlog());
        synchronized (this) {
            samples.addLast(sample);
            while (samples.size() > SAMPLES) {
                samples.removeFirst();
            }
        }
    }

    private OperationsReport.Outbox sampleDatabase() {
        flush();
        OperationsReport.Outbox outbox = data.outbox();
        gauges.outbox(outbox);
        gauges.orders(orders.underWayByStatus());
        return outbox;
    }

    private void flush() {
        Map<String, StepStatistics.Counts> counts = statistics.takeAll();
        if (!counts.isEmpty()) {
            Instant now = Instant.now();
            data.record(now.minusSeconds(now.getEpochSecond() % PERIOD_SECONDS).minusNanos(now.getNano()), node, counts);
        }
    }
}

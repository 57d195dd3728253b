package org.waybill.operations;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import org.waybill.messaging.StepStatistics;
import org.waybill.platform.Failures;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@value #PERIOD_SECONDS} s: moves this node's step statistics to the database, and samples the queue depths
 * and the outbox backlog for the dashboard's charts (the last {@value #SAMPLES} samples, 15 minutes).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OperationsMonitor {
    static final int PERIOD_SECONDS = 10;
    static final int SAMPLES = 90;
    /** The window of the dashboard's step totals and charts. */
    public static final Duration STEP_WINDOW = Duration.ofMinutes(5);
    public static final Duration CHART_WINDOW = Duration.ofMinutes(15);
    private static final Logger LOG = Logger.getLogger(OperationsMonitor.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    StepStatistics statistics;

    @Inject
    OperationsData data;

    @Inject
    BrokerQueues broker;

    private final String node = System.getProperty("jboss.node.name", "waybill");
    private final Deque<OperationsReport.Sample> samples = new ArrayDeque<>();
    private ScheduledFuture<?> schedule;
    private volatile boolean failing;

    @PostConstruct
    void start() {
        schedule = executor.scheduleWithFixedDelay(this::tick, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
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

    private void tick() {
        try {
            flush();
            Map<String, Long> depths = new TreeMap<>();
            broker.consumedQueues().forEach(q -> depths.put(q.name(), q.depth()));
            OperationsReport.Sample sample = new OperationsReport.Sample(Instant.now(), depths, data.outbox().backlog());
            synchronized (this) {
                samples.addLast(sample);
                while (samples.size() > SAMPLES) {
                    samples.removeFirst();
                }
            }
            if (failing) {
                failing = false;
                LOG.info("Operations monitor samples again");
            }
        } catch (RuntimeException e) {
            // The broker or the database is away: the dashboard shows the gap; sampling goes on.
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Operations monitor cannot sample: " + Failures.message(e),
                        Failures.isTransient(e) ? null : e);
            }
        }
    }

    private void flush() {
        Map<String, StepStatistics.Counts> counts = statistics.takeAll();
        if (!counts.isEmpty()) {
            Instant now = Instant.now();
            data.record(now.minusSeconds(now.getEpochSecond() % PERIOD_SECONDS).minusNanos(now.getNano()), node, counts);
        }
    }
}

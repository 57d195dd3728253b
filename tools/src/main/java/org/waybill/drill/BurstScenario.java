package org.waybill.drill;

import org.waybill.load.Database;
import org.waybill.load.Load;
import org.waybill.load.OrderClients;
import org.waybill.load.OwnStack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Backpressure: a burst of orders (default 5,000) from 16 clients as fast as the server answers. Every second it
 * samples the depth of each consumed queue (broker management API), the outbox backlog, the database connections
 * WildFly holds (pg_stat_activity) and how many events each step has processed (inbox), and reports the peaks,
 * each step's throughput, how long the backlog took to drain and how long an accepted order took to end. The
 * database pool (40 connections), the consumers (4 sessions each) and the relay (batches of 100) are bounded, so the
 * burst waits in queues instead of failing.
 * Once half of the burst's orders have ended PostgreSQL is restarted, 5 s down: every step (and the intake, if it
 * still runs) fails and is redelivered (sent again) meanwhile, and the audit must still hold. A fixed share of the
 * burst, not of what is open when the intake ends: behind an admission limit few orders are open then, so the restart
 * would come at the very end and its redeliveries with backoff would make up the last half minute of that run alone.
 * {@code -Dwaybill.drill.restart=false} leaves PostgreSQL running: the burst's own drain, with and without a limit.
 * {@code -Dwaybill.drill.warm-up-orders=N} first places N orders of other customers ({@code warm-<n>}) the same way
 * and waits until they and every message they caused are worked off, so that the burst meets a warm WildFly, as a
 * spike in production does, instead of one that compiles its paths during the burst; the audit and the figures
 * leave the warm-up's orders out.
 * {@link BurstComparison} runs it behind a limit and without one, in turns.
 */
final class BurstScenario {
    private static final List<String> QUEUES = List.of("waybill.events.inventory", "waybill.events.payment",
            "waybill.events.shipping", "waybill.events.notification", "waybill.email", "waybill.events.ordering");
    private static final int CLIENTS = 16;
    private static final boolean RESTART = Boolean.parseBoolean(System.getProperty("waybill.drill.restart", "true"));
    private static final int WARM_UP_ORDERS = Integer.getInteger("waybill.drill.warm-up-orders", 0);
    private static final String WARM_UP_CUSTOMERS = "warm";
    /** The burst's orders that have ended, completed or cancelled. */
    private static final String ENDED_DRILL_ORDERS =
            "customer_id LIKE 'drill-%' AND status IN ('COMPLETED', 'CANCELLED')";

    private final OwnStack own;
    private final Database db;
    private final int orders;
    /** The admission limit WildFly runs the burst behind ({@link #environment}); 0: none. */
    private final long maxBacklog;
    private final Map<String, Long> peakDepth = new TreeMap<>();
    /** The most messages the consumed queues held at once. */
    private long peakWaiting;
    private long peakOutbox;
    private long peakConnections;
    private long peakBusy;

    /** @param maxBacklog the limit the stack's WildFly was started with ({@link #environment}), 0 for none */
    BurstScenario(OwnStack own, int orders, long maxBacklog) {
        this.own = own;
        this.db = own.database();
        this.orders = orders;
        this.maxBacklog = maxBacklog;
    }

    /** What one burst measured, and whether its audit held. */
    record Outcome(boolean passed, double seconds, double acceptedSeconds, int refusals, long workflowP50Millis,
                   long workflowP99Millis, long peakWaiting) {
    }

    /** WildFly's settings for a burst behind an admission limit of {@code maxBacklog} messages (0: none). */
    static Map<String, String> environment(long maxBacklog) {
        return maxBacklog > 0 ? Map.of("WAYBILL_ADMISSION_MAX_BACKLOG", Long.toString(maxBacklog)) : Map.of();
    }

    Outcome run() throws Exception {
        // Enough stock that most orders go all the way; some are still declined and undone.
        db.execute("UPDATE products SET stock_on_hand = stock_on_hand + " + 2 * (orders + WARM_UP_ORDERS)
                + " WHERE sku IN ('" + String.join("','", OrderClients.SKUS) + "')");
        warmUp();
        Map<String, Long> processedBefore = processed();
        System.out.println("Burst drill: " + orders + " orders from " + CLIENTS + " clients, as fast as accepted; "
                + (maxBacklog > 0 ? "admission limit " + maxBacklog : "no admission limit")
                + (RESTART ? "" : ", PostgreSQL not restarted")
                + (OrderClients.WAIT_RETRY_AFTER ? ", refusals sent again after their Retry-After" : ""));
        OrderClients clients = new OrderClients(own.api(), own.operatorCredentials(), CLIENTS, 0);
        AtomicBoolean sampling = new AtomicBoolean(true);
        long start = System.nanoTime();
        Thread sampler = new Thread(() -> sample(start, sampling), "burst-sampler");
        sampler.start();
        clients.start(orders);
        FutureTask<String> restart = new FutureTask<>(() -> RESTART ? restartDatabaseHalfway(start)
                : "PostgreSQL not restarted (-Dwaybill.drill.restart=false)");
        new Thread(restart, "burst-restart").start();
        clients.awaitDone();
        double accepting = seconds(start);
        String restarted = restart.get();
        DrillAudit audit = new DrillAudit(own);
        Duration drained = audit.awaitAllEnded(Duration.ofMinutes(15)) == null ? null
                : Duration.ofMillis(Math.round((seconds(start) - accepting) * 1e3));
        double total = seconds(start);
        sampling.set(false);
        sampler.join();

        List<Long> latencies = clients.latencies();
        Map<String, Long> processed = processed();
        processedBefore.forEach((consumer, n) -> processed.merge(consumer, -n, Long::sum));
        System.out.println();
        System.out.printf("  accepted %d orders in %.1f s (%.0f orders/s); REST latency p50 %d ms, p99 %d ms, max %d ms; "
                        + "%d requests refused for the moment (503) and sent again%n",
                clients.accepted().size(), accepting, clients.accepted().size() / accepting,
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0), clients.refusals());
        System.out.printf("  %s; the whole burst took %.1f s (%.0f orders/s end to end)%n",
                drained == null ? "NOT all ended within 15 min"
                        : String.format("all ended %.1f s after the last was accepted", drained.toMillis() / 1e3),
                total, orders / total);
        Map<String, Long> inWorkflow = timeInWorkflow();
        System.out.printf("  an order's time in the workflow, placed to ended: p50 %d ms, p99 %d ms, max %d ms%n",
                inWorkflow.get("p50"), inWorkflow.get("p99"), inWorkflow.get("max"));
        System.out.println("  " + restarted);
        System.out.println("  peak queue depth                " + peakDepth);
        System.out.println("  peak waiting in those queues    " + peakWaiting + " messages at once");
        System.out.println("  peak outbox backlog             " + peakOutbox + " events");
        System.out.println("  database connections of WildFly peak " + peakConnections + " open (pool maximum 40), "
                + peakBusy + " busy at once");
        System.out.print("  events processed per step       ");
        processed.forEach((consumer, n) -> System.out.printf("%s %d (%.0f/s)  ", consumer, n, n / total));
        System.out.println();
        boolean passed = audit.report(clients, orders, null) && drained != null;
        return new Outcome(passed, total, accepting, clients.refusals(), inWorkflow.getOrDefault("p50", 0L),
                inWorkflow.getOrDefault("p99", 0L), peakWaiting);
    }

    /**
     * The warm-up: {@link #WARM_UP_ORDERS} orders placed as the burst's are, then a wait until they have ended and
     * nothing waits in the outbox or the consumed queues.
     */
    private void warmUp() throws InterruptedException {
        if (WARM_UP_ORDERS <= 0) {
            return;
        }
        long start = System.nanoTime();
        OrderClients clients = new OrderClients(own.api(), own.operatorCredentials(), CLIENTS, 0, WARM_UP_CUSTOMERS);
        clients.start(WARM_UP_ORDERS);
        clients.awaitDone();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        // Two quiet samples in a row: the three figures are read one after another, and a step between them can move
        // an event from one to the next.
        int quietSamples = 0;
        while (quietSamples < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warm-up's orders did not all end within 15 minutes");
            }
            Load.sleep(1_000);
            quietSamples = warmUpQuiet() ? quietSamples + 1 : 0;
        }
        System.out.printf("Warm-up: %d orders of customers %s-<n> placed (%d refusals sent again) and worked off in "
                + "%.1f s%n", clients.accepted().size(), WARM_UP_CUSTOMERS, clients.refusals(), seconds(start));
    }

    /** Whether the warm-up's orders have all ended and nothing waits in the outbox or the consumed queues. */
    private boolean warmUpQuiet() {
        return db.number("SELECT count(*) FROM orders WHERE customer_id LIKE '" + WARM_UP_CUSTOMERS
                + "-%' AND status NOT IN ('COMPLETED', 'CANCELLED')") == 0 && unpublished() == 0
                && waiting(own.stack().broker().console().queueCounters("MessageCount")) == 0;
    }

    private long unpublished() {
        return db.number("SELECT count(*) FROM outbox WHERE published_at IS NULL");
    }

    /** Events each step has processed, from the inbox; a map of its own, which the caller may change. */
    private Map<String, Long> processed() {
        return new TreeMap<>(db.counts("SELECT consumer, count(*) FROM inbox GROUP BY consumer"));
    }

    private static long waiting(Map<String, Long> depth) {
        return QUEUES.stream().mapToLong(q -> depth.getOrDefault(q, 0L)).sum();
    }

    /** Waits until half of the burst's orders have ended, then restarts PostgreSQL; says when and how it went. */
    private String restartDatabaseHalfway(long start) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (ended() < (orders + 1) / 2 && System.nanoTime() < deadline) {
            Load.sleep(500);
        }
        long endedBefore = ended();
        long queued = waiting(own.stack().broker().console().queueCounters("MessageCount"));
        double at = seconds(start);
        System.out.printf("  t=%5.1fs PostgreSQL restarted (5 s down), %d of %d orders ended, %d messages queued%n",
                at, endedBefore, orders, queued);
        long t0 = System.nanoTime();
        own.stack().restartDatabase(Duration.ofSeconds(5));
        return String.format("PostgreSQL restarted (5 s down) at t=%.1f s, halfway: %d of %d orders had ended, "
                + "%d messages queued; back in %.1f s", at, endedBefore, orders, queued, seconds(t0));
    }

    /**
     * What a backlog costs an accepted order, which the burst's length does not show: its wait in the queues. From the
     * server's own times, placed_at (set at acceptance, so a refused order's wait at the client is not in it) to the
     * order's final update.
     */
    private Map<String, Long> timeInWorkflow() {
        return db.counts("""
                SELECT q.label, round(percentile_cont(q.fraction) WITHIN GROUP
                                      (ORDER BY extract(epoch FROM updated_at - placed_at) * 1000))::bigint
                  FROM orders, (VALUES ('p50', 0.5), ('p99', 0.99), ('max', 1.0)) AS q(label, fraction)
                """ + " WHERE " + ENDED_DRILL_ORDERS + " GROUP BY q.label, q.fraction");
    }

    private long ended() {
        return db.number("SELECT count(*) FROM orders WHERE " + ENDED_DRILL_ORDERS);
    }

    private void sample(long start, AtomicBoolean sampling) {
        long lastPrint = 0;
        while (sampling.get()) {
            try {
                Map<String, Long> depth = own.stack().broker().console().queueCounters("MessageCount");
                QUEUES.forEach(q -> peakDepth.merge(q, depth.getOrDefault(q, 0L), Math::max));
                peakWaiting = Math.max(peakWaiting, waiting(depth));
                long outbox = unpublished();
                // The drill's own connection is one of them, and busy.
                long open = db.number("SELECT count(*) - 1 FROM pg_stat_activity WHERE usename = 'waybill'");
                long busy = db.number("SELECT count(*) - 1 FROM pg_stat_activity WHERE usename = 'waybill' AND state <> 'idle'");
                peakOutbox = Math.max(peakOutbox, outbox);
                peakConnections = Math.max(peakConnections, open);
                peakBusy = Math.max(peakBusy, busy);
                if (System.nanoTime() - lastPrint > Duration.ofSeconds(5).toNanos()) {
                    lastPrint = System.nanoTime();
                    long ended = ended();
                    System.out.printf("  t=%5.1fs ended %5d  outbox %5d  db %2d open %2d busy  queues %s%n",
                            seconds(start), ended, outbox, open, busy,
                            QUEUES.stream().map(q -> q.substring(q.lastIndexOf('.') + 1) + "=" + depth.getOrDefault(q, 0L)).toList());
                }
            } catch (RuntimeException e) {
                System.out.println("  (sample failed: " + e.getMessage() + ")");
            }
            Load.sleep(1_000);
        }
    }

    private static long percentile(List<Long> sortedMicros, double p) {
        return Load.percentile(sortedMicros, p) / 1_000;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

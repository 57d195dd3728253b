package org.waybill.bench;

import org.waybill.load.ProcessStats;
import org.waybill.load.Database;
import org.waybill.load.Load;
import org.waybill.load.OrderClients;
import org.waybill.load.OwnStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders through the whole workflow, at a fixed offered rate (an open loop: requests go out on schedule whether or
 * not earlier ones were answered) or at saturation (a closed loop of clients, each placing its next order once the
 * last was accepted). The figures come from the database afterwards: an order's latency is its placing to its
 * completion (placed_at to updated_at, both written by the server), an event's outbox lag is its writing (its
 * occurred_at, set just before its transaction commits) to its first processing by a consumer (the inbox row's
 * processed_at, when the consumer's transaction began), and the relay's share of it ends when the relay marked the
 * event published, after the broker acknowledged it.
 */
final class EndToEnd {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8, task -> {
                Thread thread = new Thread(task, "bench-http");
                thread.setDaemon(true);
                return thread;
            })).build();

    /**
     * What one run measured; {@code heapMiB}, each JVM server's heap after a full collection at the run's end, only
     * for a saturation run (the last of a pass; {@link ProcessStats#heapAfterFullCollectionMiB}), else empty.
     */
    record Result(String name, double offered, int placed, int completed, int refused, double seconds,
                  double completedPerSecond, long p50, long p95, long p99, long lagP50, long lagP99, long relayP99,
                  long acceptP99, List<ProcessStats.Usage> usage, Map<String, Long> heapMiB) {
    }

    private final OwnStack stack;
    private final ProcessStats processes;
    private final String credentials;

    EndToEnd(OwnStack stack, ProcessStats processes) {
        this.stack = stack;
        this.processes = processes;
        this.credentials = stack.operatorCredentials();
    }

    /** Places {@code rate} orders a second for {@code seconds}; measures once they all have ended. */
    Result atRate(String name, int rate, int seconds) {
        String tag = tag(name);
        ProcessStats.Snapshot before = processes.snapshot();
        long start = System.nanoTime();
        List<Long> acceptMicros = new ArrayList<>();
        ConcurrentLinkedQueue<CompletableFuture<Boolean>> pending = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        int total = rate * seconds;
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        clock.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n < total) {
                pending.add(place(tag, n, acceptMicros, refused));
            }
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        while (next.get() < total) {
            Load.sleep(50);
        }
        clock.shutdown();
        pending.forEach(CompletableFuture::join);
        return measure(name, rate, tag, total, refused.get(), start, acceptMicros, before);
    }

    /**
     * Keeps {@code clients} orders in the workflow for {@code seconds}: a new one is placed as soon as one ends (a
     * closed loop on completion). Closing the loop on acceptance instead would only measure how fast the outbox
     * fills: WildFly accepts orders several times faster than the steps complete them.
     */
    Result atSaturation(String name, int clients, int seconds) {
        String tag = tag(name);
        ProcessStats.Snapshot before = processes.snapshot();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Long> acceptMicros = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        Semaphore inWorkflow = new Semaphore(clients);
        List<CompletableFuture<Boolean>> all = new ArrayList<>();
        try (EndedOrders ended = new EndedOrders(stack.database(), tag, inWorkflow)) {
            while (System.nanoTime() < end) {
                if (inWorkflow.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    int n = next.getAndIncrement();
                    all.add(place(tag, n, acceptMicros, refused).whenComplete((accepted, e) -> {
                        if (Boolean.TRUE.equals(accepted)) {
                            ended.accepted(idempotencyKey(tag, n));
                        } else {
                            inWorkflow.release(); // never entered the workflow
                        }
                    }));
                }
            }
            all.forEach(CompletableFuture::join);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return measure(name, 0, tag, next.get(), refused.get(), start, acceptMicros, before);
    }

    private static String tag(String name) {
        return "bench-" + name.replaceAll("[^a-z0-9]", "") + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static String idempotencyKey(String tag, int n) {
        return tag + "-" + n;
    }

    /** @return whether the order was accepted */
    private CompletableFuture<Boolean> place(String tag, int n, List<Long> acceptMicros, AtomicInteger refused) {
        Random random = new Random(n);
        String body = "{\"customerId\":\"" + tag + "\",\"lines\":[{\"sku\":\"" + OrderClients.SKUS.get(random.nextInt(OrderClients.SKUS.size()))
                + "\",\"quantity\":1}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.api() + "/orders"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", credentials)
                .header("Idempotency-Key", idempotencyKey(tag, n))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null || response.statusCode() != 201) {
                refused.incrementAndGet();
                return false;
            }
            synchronized (acceptMicros) {
                acceptMicros.add((System.nanoTime() - sent) / 1_000);
            }
            return true;
        });
    }

    private Result measure(String name, double offered, String tag, int placed, int refused, long start,
                           List<Long> acceptMicros, ProcessStats.Snapshot before) {
        try (Connection c = stack.database().connect()) {
            awaitEnded(c, tag);
            List<ProcessStats.Usage> usage = processes.since(before);
            // Once the run's CPU is read, so the collections' pauses and CPU count in no run.
            Map<String, Long> heap = offered == 0 ? processes.heapAfterFullCollectionMiB() : Map.of();
            List<Long> latencies = millis(c, "SELECT extract(epoch FROM updated_at - placed_at) * 1000 FROM orders "
                    + "WHERE customer_id = ? AND status = 'COMPLETED' ORDER BY 1", tag);
            List<Long> lags = millis(c, """
                    SELECT extract(epoch FROM first.at - e.occurred_at) * 1000
                      FROM event_history e
                      JOIN (SELECT event_id, min(processed_at) AS at FROM inbox GROUP BY event_id) first
                        ON first.event_id = e.event_id
                     WHERE e.aggregate_id IN (SELECT id::text FROM orders WHERE customer_id = ?)
                     ORDER BY 1""", tag);
            // The relay's share of the lag: from writing to the broker's acknowledgement of the send.
            List<Long> relayed = millis(c, """
                    SELECT extract(epoch FROM e.published_at - e.occurred_at) * 1000
                      FROM event_history e
                     WHERE e.aggregate_id IN (SELECT id::text FROM orders WHERE customer_id = ?)
                     ORDER BY 1""", tag);
            double span = seconds(c, "SELECT extract(epoch FROM max(updated_at) - min(placed_at)) FROM orders "
                    + "WHERE customer_id = ? AND status = 'COMPLETED'", tag);
            List<Long> accepted;
            synchronized (acceptMicros) {
                accepted = acceptMicros.stream().sorted().toList();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            return new Result(name, offered, placed, latencies.size(), refused, wall,
                    span > 0 ? latencies.size() / span : 0, Load.percentile(latencies, 0.50),
                    Load.percentile(latencies, 0.95), Load.percentile(latencies, 0.99), Load.percentile(lags, 0.50),
                    Load.percentile(lags, 0.99), Load.percentile(relayed, 0.99),
                    Load.percentile(accepted, 0.99) / 1_000, usage, heap);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits (at most 5 minutes) until none of the run's orders is still in the workflow, asking on the caller's
     * connection for the first one that is: in the open-loop runs the last orders are still in their steps, in the
     * database this asks.
     */
    private static void awaitEnded(Connection c, String tag) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try (PreparedStatement inWorkflow = c.prepareStatement("SELECT 1 FROM orders WHERE customer_id = ? "
                + "AND status NOT IN ('COMPLETED', 'CANCELLED') LIMIT 1")) {
            inWorkflow.setString(1, tag);
            while (Database.anyRow(inWorkflow) && System.nanoTime() < deadline) {
                Load.sleep(200);
            }
        }
    }

    private static List<Long> millis(Connection c, String sql, String tag) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, tag);
            List<Long> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(Math.max(0, Math.round(rs.getDouble(1))));
                }
            }
            return values;
        }
    }

    private static double seconds(Connection c, String sql, String tag) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, tag);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }
}

package org.waybill.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Customers placing orders over REST, as a well-behaved client does: each order has its own Idempotency-Key, and
 * whatever is refused for the moment (no connection, 503) is sent again with the same key, so an order whose answer
 * was lost to a crash is not placed twice, after 500 ms, or after what the refusal's Retry-After says with
 * {@code -Dwaybill.drill.retry-after=true}. Only a 201 counts as accepted; every refusal is logged with its moment and
 * cause, so a drill can tell which orders a fault refused.
 */
public final class OrderClients {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final long PAUSE_AFTER_REFUSAL_MILLIS = 500;
    /** The clients send a refused order again after its Retry-After rather than after 500 ms. */
    public static final boolean WAIT_RETRY_AFTER = Boolean.getBoolean("waybill.drill.retry-after");
    /** Products with stock for many orders; the drill's catalogue is topped up where it needs more. */
    public static final List<String> SKUS = List.of("WB-MUG-01", "WB-TEE-M", "WB-TEE-L", "WB-CAP-01", "WB-BOTTLE-01",
            "WB-NOTE-A5", "WB-PEN-BLK", "WB-BAG-01", "WB-LAMP-01");

    /** The customers of the orders a drill audits: {@code drill-<n>}. */
    public static final String DRILL_CUSTOMERS = "drill";

    private final String api;
    private final String credentials;
    private final int threads;
    private final long pauseMillis;
    private final String customers;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();
    private final ConcurrentLinkedQueue<Refusal> refusalLog = new ConcurrentLinkedQueue<>();
    /** When each 201 came, on System.nanoTime's clock. */
    private final ConcurrentLinkedQueue<Long> acceptedAt = new ConcurrentLinkedQueue<>();
    private final List<Long> latenciesMicros = new ArrayList<>();
    private ExecutorService pool;

    /**
     * @param credentials the Authorization header of the clients, or null
     * @param pauseMillis each client's pause between two orders; 0 for as fast as the server answers
     */
    public OrderClients(String api, String credentials, int threads, long pauseMillis) {
        this(api, credentials, threads, pauseMillis, DRILL_CUSTOMERS);
    }

    /**
     * @param customers the prefix of each order's customer and Idempotency-Key, {@code <customers>-<n>}; other than
     *                  {@value #DRILL_CUSTOMERS} for orders the drill's audit and figures leave out (a warm-up)
     */
    public OrderClients(String api, String credentials, int threads, long pauseMillis, String customers) {
        this.api = api;
        this.credentials = credentials;
        this.threads = threads;
        this.pauseMillis = pauseMillis;
        this.customers = customers;
    }

    /** Starts placing {@code orders} orders; returns at once. */
    public void start(int orders) {
        pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < threads; c++) {
            pool.submit(() -> {
                Random random = new Random();
                for (int n = next.getAndIncrement(); n < orders; n = next.getAndIncrement()) {
                    place(n, random);
                    Load.sleep(pauseMillis);
                }
            });
        }
        pool.shutdown();
    }

    /**
     * Starts placing {@code orders} orders at a steady rate, one every 1/{@code perSecond} s whether or not earlier
     * ones were answered (an open loop, as a soak needs); the clients' threads bound how many are in flight at once.
     * Returns at once.
     */
    public void startAtRate(int orders, double perSecond) {
        pool = Executors.newFixedThreadPool(threads);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        pacer.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n >= orders) {
                pacer.shutdown();
                pool.shutdown();
                return;
            }
            pool.submit(() -> place(n, ThreadLocalRandom.current()));
        }, 0, Math.round(1e6 / perSecond), TimeUnit.MICROSECONDS);
    }

    public void awaitDone() throws InterruptedException {
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            // the clients retry until every order was accepted
        }
    }

    /** Ids of the orders the server confirmed (201). */
    public Set<String> accepted() {
        return accepted;
    }

    /** Requests refused for the moment and sent again: no connection (WildFly down) or 503. */
    public int refusals() {
        return refusals.get();
    }

    /**
     * One request refused for the moment and sent again with the same key.
     *
     * @param order   the order's number (its customer and key are {@code drill-<order>}, or another prefix's)
     * @param atNanos when the refusal came, on {@link System#nanoTime}'s clock
     * @param cause   the status (e.g. {@code 503}), {@value #NO_CONNECTION} (nothing was sent) or
     *                {@value #NO_ANSWER} (sent, but the answer was lost: the order may have been placed)
     */
    public record Refusal(int order, long atNanos, String cause) {
    }

    public static final String NO_CONNECTION = "no connection";
    public static final String NO_ANSWER = "no answer";

    /** When the 201s between two moments ({@link System#nanoTime}) came, in that order. */
    public List<Long> acceptancesBetween(long fromNanos, long toNanos) {
        return acceptedAt.stream().filter(t -> t - fromNanos >= 0 && toNanos - t >= 0).sorted().toList();
    }

    /** The refusals that came between two moments ({@link System#nanoTime}), e.g. during one fault. */
    public List<Refusal> refusalsBetween(long fromNanos, long toNanos) {
        return refusalLog.stream().filter(r -> r.atNanos() - fromNanos >= 0 && toNanos - r.atNanos() >= 0).toList();
    }

    /**
     * Orders answered 201 from an earlier acceptance (Idempotent-Replayed): a retry of an order that was placed
     * although its first answer was lost. Counted as accepted once.
     */
    public int replayed() {
        return replayed.get();
    }

    /**
     * Requests answered 500, the server's own fault. The clients send them again like any other refusal (a client
     * cannot do better), but a fault the server meets must get its own answer (503 with {@code Retry-After} for a
     * database away), so the audit counts them as a failure.
     */
    public long serverFaults() {
        return refusalLog.stream().filter(r -> r.cause().equals("500")).count();
    }

    /** Requests refused for good (4xx other than a retryable one): a drill bug or a server bug. */
    public int rejected() {
        return rejected.get();
    }

    /** Response times of the accepted requests, in microseconds, sorted. */
    public synchronized List<Long> latencies() {
        return latenciesMicros.stream().sorted().toList();
    }

    private void place(int n, Random random) {
        String token = random.nextInt(20) == 0 ? "tok_declined" : random.nextInt(20) == 0 ? "tok_flaky" : "tok_sandbox";
        String customer = customers + "-" + n;
        String body = "{\"customerId\":\"" + customer + "\",\"paymentToken\":\"" + token + "\",\"lines\":[{\"sku\":\""
                + SKUS.get(random.nextInt(SKUS.size())) + "\",\"quantity\":" + (1 + random.nextInt(2)) + "}]}";
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api + "/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", customer)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (credentials != null) {
            builder.header("Authorization", credentials);
        }
        HttpRequest request = builder.build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            long pause = PAUSE_AFTER_REFUSAL_MILLIS;
            try {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    Matcher id = ID.matcher(r.body());
                    if (id.find()) {
                        accepted.add(id.group(1));
                    }
                    acceptedAt.add(System.nanoTime());
                    if (r.headers().firstValue("Idempotent-Replayed").isPresent()) {
                        replayed.incrementAndGet();
                    }
                    record((System.nanoTime() - start) / 1_000);
                    return;
                }
                if (r.statusCode() < 500 && r.statusCode() != 409) {
                    rejected.incrementAndGet();
                    System.out.println("Order " + n + " refused with " + r.statusCode() + ": " + r.body());
                    return;
                }
                // 503 (database away), 5xx, or 409 (the same key still in flight after a crash): try again
                refused(n, Integer.toString(r.statusCode()));
                pause = pauseAfter(r);
            } catch (ConnectException e) {
                refused(n, NO_CONNECTION); // WildFly (or the balancer) is down or restarting: try again
            } catch (IOException e) {
                refused(n, NO_ANSWER); // the request went out, its answer did not come: try again, same key
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Load.sleep(pause);
        }
        rejected.incrementAndGet();
        System.out.println("Order " + n + " not accepted within 3 minutes");
    }

    /** What the refusal's Retry-After asks for (seconds), when the clients wait for it. */
    private static long pauseAfter(HttpResponse<?> refusal) {
        if (!WAIT_RETRY_AFTER) {
            return PAUSE_AFTER_REFUSAL_MILLIS;
        }
        return refusal.headers().firstValue("Retry-After").filter(v -> v.matches("[0-9]{1,4}"))
                .map(seconds -> Long.parseLong(seconds) * 1_000).orElse(PAUSE_AFTER_REFUSAL_MILLIS);
    }

    private void refused(int order, String cause) {
        refusalLog.add(new Refusal(order, System.nanoTime(), cause));
        refusals.incrementAndGet();
    }

    private synchronized void record(long micros) {
        latenciesMicros.add(micros);
    }
}

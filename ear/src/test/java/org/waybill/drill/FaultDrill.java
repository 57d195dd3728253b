package org.waybill.drill;

import org.waybill.stack.LocalStack;
import org.waybill.stack.StackSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The crash and outage drill ({@code ./mvnw verify -Pdrill}): a fresh stack of its own, clients placing orders
 * (default 1,000, {@code -Dwaybill.drill.orders=N}) and retrying whatever was refused, and while they run: Artemis
 * stopped for 30 s, WildFly killed with SIGKILL and restarted, Artemis killed with SIGKILL and restarted, PostgreSQL
 * restarted. Then it waits for every order to end and checks that nothing was lost or done twice. Exit code 0 only
 * if every check holds.
 */
public final class FaultDrill {
    private static final List<String> SKUS = List.of("WB-MUG-01", "WB-TEE-M", "WB-TEE-L", "WB-CAP-01", "WB-BOTTLE-01",
            "WB-NOTE-A5", "WB-PEN-BLK", "WB-BAG-01", "WB-LAMP-01");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final LocalStack stack;
    private final StackSettings settings;
    private final Path ear;
    private final int orders;
    private final String api;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refusals = new AtomicInteger();
    private final List<String> faults = new ArrayList<>();

    private FaultDrill(LocalStack stack, Path ear, int orders) {
        this.stack = stack;
        this.settings = stack.settings();
        this.ear = ear;
        this.orders = orders;
        this.api = "http://127.0.0.1:" + settings.httpPort() + "/waybill/api";
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("waybill.home")).toAbsolutePath();
        Map<String, String> env = Map.of("WAYBILL_DB_PORT", "35432", "WAYBILL_BROKER_PORT", "61816",
                "WAYBILL_CONSOLE_PORT", "8361", "WAYBILL_SMTP_PORT", "3325", "WAYBILL_IMAP_PORT", "3443",
                "WAYBILL_PORT_OFFSET", "200");
        StackSettings settings = StackSettings.from(home, Path.of(System.getProperty("waybill.dist")), env::get);
        LocalStack.forgetData(home);
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "drill-stop"));
        long started = System.nanoTime();
        stack.startServices();
        Path ear = Path.of(System.getProperty("waybill.ear"));
        stack.startWildFly(ear);
        System.out.printf("Drill stack up in %.1f s%n", (System.nanoTime() - started) / 1e9);
        boolean ok = new FaultDrill(stack, ear, Integer.getInteger("waybill.drill.orders", 1000)).run();
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        long start = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                Random random = new Random();
                for (int n = next.getAndIncrement(); n < orders; n = next.getAndIncrement()) {
                    place(n, random);
                    sleep(300);
                }
            });
        }
        List<Thread> injectors = List.of(
                fault(10, "Artemis stopped for 30 s", () -> {
                    stack.broker().stop();
                    sleep(30_000);
                    stack.broker().start();
                }),
                fault(35, "WildFly killed (SIGKILL) and restarted", () -> stack.crashAndRestartWildFly(ear)),
                fault(60, "Artemis killed (SIGKILL) and restarted", () -> {
                    stack.broker().kill();
                    stack.broker().start();
                }),
                fault(85, "PostgreSQL restarted (5 s down)", () -> stack.restartDatabase(Duration.ofSeconds(5))));
        clients.shutdown();
        while (!clients.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
            // clients retry until every order was accepted
        }
        for (Thread injector : injectors) {
            injector.join();
        }
        double placing = (System.nanoTime() - start) / 1e9;
        long settled = awaitAllOrdersEnded(Duration.ofMinutes(10));
        return report(placing, (System.nanoTime() - start) / 1e9, settled);
    }

    /** Injects the fault once the clients have had {@code percent} of the orders accepted, on a thread of its own. */
    private Thread fault(int percent, String name, Fault action) {
        Thread injector = new Thread(() -> {
            try {
                awaitAcknowledged(orders * percent / 100);
                timed(name, action);
            } catch (Exception e) {
                faults.add(name + ": injection failed: " + e);
            }
        }, "fault-" + percent);
        injector.start();
        return injector;
    }

    private interface Fault {
        void inject() throws Exception;
    }

    private void timed(String fault, Fault action) throws Exception {
        long t0 = System.nanoTime();
        System.out.println("Fault: " + fault + " (" + acknowledged.size() + " orders accepted so far)");
        action.inject();
        faults.add(String.format("%-42s back after %5.1f s", fault, (System.nanoTime() - t0) / 1e9));
    }

    /** Places order n, retrying refusals (connection refused, 503) for up to three minutes. */
    private void place(int n, Random random) {
        String token = random.nextInt(20) == 0 ? "tok_declined" : random.nextInt(20) == 0 ? "tok_flaky" : "tok_sandbox";
        String body = "{\"customerId\":\"drill-" + n + "\",\"paymentToken\":\"" + token + "\",\"lines\":[{\"sku\":\""
                + SKUS.get(random.nextInt(SKUS.size())) + "\",\"quantity\":" + (1 + random.nextInt(2)) + "}]}";
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/orders"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(r.body());
                    if (id.find()) {
                        acknowledged.add(id.group(1));
                    }
                    return;
                }
                if (r.statusCode() < 500) {
                    throw new IllegalStateException("order " + n + " refused with " + r.statusCode() + ": " + r.body());
                }
            } catch (IOException e) {
                // WildFly is down or restarting: try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            refusals.incrementAndGet();
            sleep(500);
        }
        throw new IllegalStateException("order " + n + " not accepted within 3 minutes");
    }

    private long awaitAllOrdersEnded(Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (number("SELECT count(*) FROM orders WHERE customer_id LIKE 'drill-%' "
                    + "AND status NOT IN ('COMPLETED', 'CANCELLED')") == 0 && number(
                    "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0) {
                return (System.nanoTime() - t0) / 1_000_000_000;
            }
            Thread.sleep(1_000);
        }
        return -1;
    }

    private boolean report(double placing, double total, long settled) throws SQLException {
        long inDb = number("SELECT count(*) FROM orders WHERE customer_id LIKE 'drill-%'");
        long completed = number("SELECT count(*) FROM orders WHERE customer_id LIKE 'drill-%' AND status = 'COMPLETED'");
        long cancelled = number("SELECT count(*) FROM orders WHERE customer_id LIKE 'drill-%' AND status = 'CANCELLED'");
        long lost = acknowledged.stream().filter(id -> number("SELECT count(*) FROM orders WHERE id = '" + id + "'") == 0).count();
        long doubleCharges = number("SELECT count(*) FROM (SELECT aggregate_id FROM event_history "
                + "WHERE event_type = 'payment.charged' GROUP BY aggregate_id HAVING count(*) > 1) x");
        long doubleReservations = number("SELECT count(*) FROM (SELECT aggregate_id FROM event_history "
                + "WHERE event_type = 'inventory.reserved' GROUP BY aggregate_id HAVING count(*) > 1) x");
        long ledgerErrors = number("SELECT count(*) FROM products p WHERE p.stock_reserved <> (SELECT coalesce(sum(r.quantity), 0) "
                + "FROM stock_reservations r WHERE r.sku = p.sku AND r.released_at IS NULL)");
        long heldForUnfinished = number("SELECT count(*) FROM stock_reservations r JOIN orders o ON o.id = r.order_id "
                + "WHERE r.released_at IS NULL AND o.status <> 'COMPLETED'");
        // E-mail is at least once: a crash between the SMTP hand-off and the commit resends the receipt with the same
        // Message-ID (mail clients that honour it show one). Counted both ways.
        Map<String, Long> bySubject = stack.mail().received().stream().map(m -> header(m, "Subject"))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        long doubleMails = bySubject.values().stream().filter(c -> c > 1).count();
        long distinctMessageIds = stack.mail().received().stream().map(m -> header(m, "Message-ID")).distinct().count();
        long completedWithoutMail = completed - bySubject.size();
        String dlq = httpGet(api + "/dead-letters");

        System.out.println();
        System.out.println("Fault drill: " + orders + " orders, 4 clients, messaging mode " + System.getenv()
                .getOrDefault("WAYBILL_MESSAGING_MODE", "at-least-once"));
        faults.forEach(f -> System.out.println("  " + f));
        System.out.printf("""
                  placing took %.1f s (%d refusals retried by the clients); all orders ended %s; total %.1f s
                  orders accepted (201)           %d
                  orders in the database          %d (accepted without an answer to the client: %d)
                  COMPLETED / CANCELLED           %d / %d (not ended: %d)
                  lost (accepted, not stored)     %d
                  double charges                  %d
                  double reservations             %d
                  orders with a resent receipt    %d (same Message-ID; receipts by Message-ID: %d for %d completed orders; completed without a receipt: %d)
                  stock ledger errors             %d (stock held for orders not completed: %d)
                  dead letters per queue          %s
                """, placing, refusals.get(), settled < 0 ? "NOT within 10 min" : settled + " s after the clients",
                total, acknowledged.size(), inDb, inDb - acknowledged.size(), completed, cancelled,
                inDb - completed - cancelled, lost, doubleCharges, doubleReservations, doubleMails, distinctMessageIds,
                completed, completedWithoutMail,
                ledgerErrors, heldForUnfinished, dlq);
        boolean ok = settled >= 0 && lost == 0 && doubleCharges == 0 && doubleReservations == 0 && ledgerErrors == 0
                && heldForUnfinished == 0 && completed + cancelled == inDb && completedWithoutMail == 0
                && distinctMessageIds == completed;
        System.out.println(ok ? "DRILL PASSED" : "DRILL FAILED");
        return ok;
    }

    private static String header(jakarta.mail.internet.MimeMessage m, String name) {
        try {
            return m.getHeader(name, ",");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitAcknowledged(int count) {
        while (acknowledged.size() < count) {
            sleep(100);
        }
    }

    private long number(String sql) {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.databaseUser().user(),
                settings.databaseUser().password()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            sleep(1_000); // the database may be restarting
            return number(sql);
        }
    }

    private static String httpGet(String uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unavailable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

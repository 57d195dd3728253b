package org.waybill.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.it.PrometheusText.Sample;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.PrometheusText.named;
import static org.waybill.it.PrometheusText.value;

/**
 * What operators' tools read from WildFly's management interface, without any user: Waybill's meters at
 * {@code /metrics} as Prometheus scrapes them, after an order went through every step, and MicroProfile Health at
 * {@code /health/ready} and {@code /health/live} with Waybill's own checks, which {@code /api/health} repeats on the
 * application's port. The interface is on loopback only.
 */
@ArquillianTest
class MetricsAndHealthIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int MANAGEMENT_PORT = Integer.getInteger("waybill.it.management-port");
    static final List<String> CONSUMERS =
            List.of("ordering", "inventory", "payment", "shipping", "notification", "email");
    private static final List<String> READINESS =
            List.of("waybill-database", "waybill-broker", "waybill-relay", "waybill-outbox-lag");

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void anOrderShowsInTheMetersPrometheusScrapes() {
        // The counters count since deployment, and other ITs run before this one: the order shows as what it adds.
        List<Sample> before = scrape();
        String id = Orders.place("metrics", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(id, "COMPLETED");
        Orders.awaitPublished(id);

        // The gauges are sampled every 10 s; the counters count as the work happens.
        List<Sample> scrape = Eventually.await("Waybill's meters to show the order", Duration.ofSeconds(60),
                MetricsAndHealthIT::scrape, s -> value(s, "waybill_outbox_backlog") == 0
                        && value(s, "waybill_outbox_lag_seconds") == 0
                        && value(s, "waybill_queue_messages", "queue", "waybill.events.payment") >= 0
                        && value(s, "waybill_order_completion_seconds_count", "status", "COMPLETED") >= 1);

        for (String consumer : CONSUMERS) {
            assertTrue(value(scrape, "waybill_step_processing_seconds_count", "consumer", consumer, "outcome", "processed")
                            > value(before, "waybill_step_processing_seconds_count", "consumer", consumer, "outcome", "processed"),
                    consumer + " processed nothing: " + named(scrape, "waybill_step_processing_seconds_count"));
            // Registered at start, so that a first failure is a change of a series, not a new one.
            assertTrue(value(before, "waybill_step_processing_seconds_count", "consumer", consumer, "outcome", "failed") >= 0,
                    consumer + " has no series of failed attempts");
        }
        assertTrue(value(scrape, "waybill_events_published_total") >= Orders.HAPPY_PATH.size(),
                "published events: " + named(scrape, "waybill_events_published_total"));
        assertTrue(value(scrape, "waybill_relay_batches_total", "outcome", "published") >= 1);

        // Histograms: a bucket per boundary, cumulative, the last (+Inf) holding every observation.
        List<Sample> buckets = named(scrape, "waybill_step_processing_seconds_bucket").stream()
                .filter(s -> s.has("consumer", "payment") && s.has("outcome", "processed")).toList();
        assertTrue(buckets.size() > 5, "payment's processing time has no buckets: " + buckets);
        assertEquals(value(scrape, "waybill_step_processing_seconds_count", "consumer", "payment", "outcome", "processed"),
                buckets.stream().filter(s -> s.has("le", "+Inf")).findFirst().orElseThrow().value());
        assertFalse(named(scrape, "waybill_events_publish_latency_seconds_bucket").isEmpty());
        assertFalse(named(scrape, "waybill_order_completion_seconds_bucket").isEmpty());

        for (String queue : List.of("waybill.events.payment", "waybill.email")) {
            assertTrue(value(scrape, "waybill_queue_messages", "queue", queue) >= 0, queue + " has no depth");
            // Other ITs park messages on purpose: present, not necessarily zero.
            assertTrue(value(scrape, "waybill_dead_letters", "queue", queue) >= 0, queue + " has no dead-letter gauge");
        }
        assertTrue(value(scrape, "waybill_orders", "status", "PLACED") >= 0, "no gauge of the orders under way");
        assertFalse(named(scrape, "jvm_memory_used_bytes").isEmpty(), "WildFly's own meters are in the same scrape");
    }

    @Test
    void readinessHasWaybillsOwnChecksEachUpAndApiHealthAgrees() {
        // The outbox lag once OperationsMonitor sampled it (every 10 s).
        JsonObject ready = Eventually.await("Waybill's checks in /health/ready", Duration.ofSeconds(30),
                () -> health("/health/ready"), h -> h.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .anyMatch(c -> "waybill-outbox-lag".equals(c.getString("name"))
                                && c.containsKey("data") && c.getJsonObject("data").containsKey("lagSeconds")));
        assertEquals("UP", ready.getString("status"), ready.toString());
        assertEquals("OK", check(ready, "deployments-status").getJsonObject("data").getString("waybill.ear"),
                ready.toString());
        for (String name : READINESS) {
            assertEquals("UP", check(ready, name).getString("status"), ready.toString());
        }
        JsonObject lag = check(ready, "waybill-outbox-lag").getJsonObject("data");
        assertEquals(300, lag.getJsonNumber("limitSeconds").longValue(), ready.toString());
        assertTrue(lag.getJsonNumber("lagSeconds").longValue() <= 300, ready.toString());
        assertEquals(0, check(ready, "waybill-relay").getJsonObject("data").getJsonNumber("failingSeconds").longValue(),
                ready.toString());

        JsonObject live = health("/health/live");
        assertEquals("UP", live.getString("status"), live.toString());
        assertEquals("UP", check(live, "waybill").getString("status"), live.toString());
        assertTrue(live.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .noneMatch(c -> READINESS.contains(c.getString("name"))), "liveness does not hang on the database or broker: " + live);

        // The same verdict on the application's port, for load balancers that cannot reach the management interface.
        Api.Reply health = Api.anonymous().get("/health");
        assertEquals(200, health.status(), health.body());
        JsonObject report = health.json();
        assertTrue(report.getBoolean("up") && report.getBoolean("database") && report.getBoolean("broker")
                && report.getBoolean("relay") && report.getBoolean("outboxLagWithinLimit"), health.body());
    }

    /** Readiness names what fails; liveness stays UP, since restarting WildFly would not bring the broker back. */
    @Test
    void readinessIsDownNamingTheBrokerWhileItIsStopped() throws Exception {
        var broker = TestStack.stack().broker();
        broker.stop();
        try {
            // At once when the broker refuses connections; within 40 s when it accepts without answering.
            HttpResponse<String> down = Eventually.await("/health/ready to say the broker is down",
                    Duration.ofSeconds(60), () -> get("/health/ready"), r -> r.statusCode() == 503);
            JsonObject ready = json(down.body());
            assertEquals("DOWN", ready.getString("status"), ready.toString());
            assertEquals("DOWN", check(ready, "waybill-broker").getString("status"), ready.toString());
            assertTrue(check(ready, "waybill-broker").getJsonObject("data").containsKey("error"), ready.toString());
            assertEquals("UP", check(ready, "waybill-database").getString("status"), ready.toString());
            HttpResponse<String> live = get("/health/live");
            assertEquals(200, live.statusCode(), live.body());
            assertEquals(503, Api.anonymous().get("/health").status());
        } finally {
            broker.start();
        }
        Eventually.await("/health/ready to be UP with the broker back", Duration.ofSeconds(60),
                () -> get("/health/ready"), r -> r.statusCode() == 200);
    }

    /** Without a user, so only the host may reach it: nothing answers on the host's other addresses. */
    @Test
    void theManagementInterfaceListensOnLoopbackOnly() throws IOException {
        LoopbackOnly.assertListensOnLoopbackOnly(MANAGEMENT_PORT, "the management interface");
    }

    /** The operations dashboard links to what operators' own tools take, exactly as server-config keeps it. */
    @Test
    void theDashboardLinksToTheGrafanaDashboardTheAlertRulesAndThePrometheusConfiguration() throws IOException {
        Screens operator = Screens.https().signIn(TestStack.stack().settings().userInRole("operator"));
        String dashboard = operator.get("/operations/dashboard.xhtml").body();
        Screens customer = Screens.https().signIn(TestStack.stack().settings().userInRole("customer"));
        for (Path file : List.of(Path.of("grafana", "waybill-dashboard.json"), Path.of("prometheus", "waybill-rules.yml"),
                Path.of("prometheus", "prometheus.yml"))) {
            String link = "observability/" + file.getFileName();
            assertTrue(dashboard.contains("href=\"" + link + "\""), "the dashboard links to " + link);
            HttpResponse<String> served = operator.get("/operations/" + link);
            assertEquals(200, served.statusCode(), link);
            assertEquals(Files.readString(Path.of("..", "server-config").resolve(file)), served.body(), link);
            assertEquals(403, customer.get("/operations/" + link).statusCode(), link + " is for operators");
        }
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> name.equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    private static JsonObject health(String path) {
        return json(get(path).body());
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static List<Sample> scrape() {
        return PrometheusText.scrapeWildFly();
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " on the management interface: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

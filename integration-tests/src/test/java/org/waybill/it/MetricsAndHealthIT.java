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
 * {@code /health/ready} and {@code /health/live}; with Waybill's own verdict at {@code /api/health}. The interface is
 * on loopback only.
 */
@ArquillianTest
class MetricsAndHealthIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int MANAGEMENT_PORT = Integer.getInteger("waybill.it.management-port");
    private static final List<String> CONSUMERS =
            List.of("ordering", "inventory", "payment", "shipping", "notification", "email");

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
    void readinessSaysTheEarIsUpAndApiHealthSaysWaybillCanWork() {
        JsonObject ready = health("/health/ready");
        assertEquals("UP", ready.getString("status"), ready.toString());
        assertEquals("OK", check(ready, "deployments-status").getJsonObject("data").getString("waybill.ear"),
                ready.toString());
        assertEquals("UP", health("/health/live").getString("status"));

        // The figures a load balancer and an operator need; the outbox lag once OperationsMonitor sampled it.
        Api.Reply health = Eventually.await("the outbox lag in /api/health", Duration.ofSeconds(30),
                () -> Api.anonymous().get("/health"), h -> h.json().containsKey("outboxLagSeconds")
                        && h.json().get("outboxLagSeconds").getValueType() == jakarta.json.JsonValue.ValueType.NUMBER);
        assertEquals(200, health.status(), health.body());
        JsonObject report = health.json();
        assertTrue(report.getBoolean("up") && report.getBoolean("database") && report.getBoolean("broker")
                && report.getBoolean("relay") && report.getBoolean("outboxLagWithinLimit"), health.body());
    }

    /** Without a user, so only the host may reach it. */
    @Test
    void theManagementInterfaceListensOnLoopbackOnly() throws IOException {
        LoopbackOnly.assertListensOnLoopbackOnly(MANAGEMENT_PORT, "the management interface");
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> name.equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    private static JsonObject health(String path) {
        try (JsonReader reader = Json.createReader(new StringReader(get(path).body()))) {
            return reader.readObject();
        }
    }

    private static List<Sample> scrape() {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode(), "a scrape without credentials");
        return PrometheusText.parse(response.body());
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

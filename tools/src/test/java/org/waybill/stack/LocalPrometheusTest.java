package org.waybill.stack;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Prometheus process the integration tests use, on a stand-in for WildFly's /metrics: it starts in its folder,
 * scrapes every second, loads Waybill's rules, answers queries, and stops.
 */
class LocalPrometheusTest {
    private static HttpServer target;
    private static LocalPrometheus prometheus;

    @TempDir
    static Path home;

    @BeforeAll
    static void scrapeAStandIn() throws IOException {
        SystemTool.require("the Prometheus process tests", SystemTool.PROMETHEUS);
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/metrics", exchange -> {
            byte[] body = """
                    # TYPE waybill_outbox_backlog gauge
                    waybill_outbox_backlog 3.0
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
        prometheus = LocalPrometheus.start(SystemTool.PROMETHEUS.path(), home, Map.of(
                "standin", URI.create("http://127.0.0.1:" + target.getAddress().getPort() + "/metrics"),
                "nothing", URI.create("http://127.0.0.1:1/metrics")));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (target != null) {
            target.stop(0);
        }
    }

    @Test
    void itScrapesEachJobAndAnswersQueries() {
        List<JsonObject> backlog = await(() -> prometheus.query("waybill_outbox_backlog"), r -> !r.isEmpty());
        assertEquals("standin", backlog.get(0).getJsonObject("metric").getString("job"));
        assertEquals("3", backlog.get(0).getJsonArray("value").getString(1));
        assertEquals("1", await(() -> prometheus.query("up{job=\"standin\"}"), r -> !r.isEmpty())
                .get(0).getJsonArray("value").getString(1));
        assertEquals("0", await(() -> prometheus.query("up{job=\"nothing\"}"), r -> !r.isEmpty())
                .get(0).getJsonArray("value").getString(1));
    }

    @Test
    void itEvaluatesWaybillsRules() {
        List<JsonObject> rules = await(() -> prometheus.api("/api/v1/rules").getJsonArray("groups")
                .getValuesAs(JsonObject.class).stream()
                .flatMap(g -> g.getJsonArray("rules").getValuesAs(JsonObject.class).stream()).toList(),
                r -> !r.isEmpty() && r.stream().allMatch(rule -> !rule.getString("health").equals("unknown")));
        rules.forEach(rule -> assertEquals("ok", rule.getString("health"), rule.toString()));
    }

    private static <T> T await(Supplier<T> answer, Predicate<T> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            T result = answer.get();
            if (done.test(result)) {
                return result;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        return fail("no such answer from Prometheus within 30 s");
    }
}

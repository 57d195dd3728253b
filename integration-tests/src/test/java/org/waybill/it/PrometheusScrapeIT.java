package org.waybill.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.waybill.stack.LocalPrometheus;
import org.waybill.stack.SystemTool;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * A real Prometheus (Debian's prometheus) scrapes the test WildFly's management {@code /metrics} and the broker's
 * metrics endpoint (broker-metrics, see BrokerMetricsIT) every second, with Waybill's alert rules loaded; orders are
 * placed and Prometheus's HTTP API answers with the meters' values. Each counter's rise between two scrapes is held
 * against what the database says happened between the two scrape times (published outbox rows, inbox rows per
 * consumer, orders completed): other ITs ran before in any order, and background work (re-drives) may fall into the
 * window, so the window, not a guess, is what must match exactly; the orders of this test must all be in it.
 * Without Prometheus this IT is skipped loudly; in CI it fails (SystemTool).
 */
@ArquillianTest
class PrometheusScrapeIT {
    private static final int MANAGEMENT_PORT = Integer.getInteger("waybill.it.management-port");
    /** The broker's Prometheus endpoint (the broker-metrics plugin). */
    private static final URI BROKER_METRICS = URI.create(System.getProperty(BrokerMetricsIT.URL_PROPERTY));
    /** Waybill's queues whose steps take the orders' events; each has its dead-letter queue {@code DLQ.<queue>}. */
    private static final List<String> QUEUES = Broker.CONSUMED_QUEUES.stream()
            .filter(queue -> !queue.equals("waybill.events.unmatched")).toList();
    private static final int ORDERS = 3;
    /** Every event row, in the outbox or moved on to the event log (the ITs' retention is a second). */
    private static final String EVENTS = "(SELECT event_id, aggregate_id, published_at FROM outbox"
            + " UNION ALL SELECT event_id, aggregate_id, published_at FROM event_log)";
    private static final Pattern RULE_SERIES = Pattern.compile("\\b(?:waybill|artemis)_[a-z_]+");
    private static LocalPrometheus prometheus;
    private static Instant started;

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @BeforeAll
    static void startPrometheus() throws IOException {
        SystemTool.require("the Prometheus IT", SystemTool.PROMETHEUS);
        Map<String, URI> jobs = new LinkedHashMap<>();
        jobs.put("waybill", URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/metrics"));
        jobs.put("artemis", BROKER_METRICS);
        started = Instant.now();
        prometheus = LocalPrometheus.start(SystemTool.PROMETHEUS.path(),
                Path.of(System.getProperty("waybill.home"), "prometheus"), jobs);
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void ordersShowInWhatPrometheusScrapedExactly() {
        Figures before = quiet();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            ids.add(Orders.place("prometheus", "tok_sandbox", "WB-MUG-01:1"));
        }
        for (String id : ids) {
            Orders.awaitStatus(id, "COMPLETED");
            Orders.awaitPublished(id);
        }
        Instant lastWork = Instant.parse(db().text("""
                SELECT to_char(greatest(max(e.published_at), max(i.processed_at), max(r.updated_at)) AT TIME ZONE 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                  FROM %s e JOIN inbox i ON i.event_id = e.event_id JOIN orders r ON r.id::text = e.aggregate_id
                 WHERE e.aggregate_id = ANY (string_to_array(?, ','))""".formatted(EVENTS), String.join(",", ids)));
        Figures after = Eventually.await("a quiet scrape after the orders' last work", Duration.ofSeconds(60),
                PrometheusScrapeIT::quiet, f -> f.scrapedAt().isAfter(lastWork.plusSeconds(1)));

        System.out.println("What Prometheus scraped around " + ids + ": " + before + " -> " + after);
        // Published events: the counter rose by the outbox rows published between the two scrapes (wherever the
        // one-second retention has moved them by now), and those include every row these orders wrote.
        long mine = ids.stream().mapToLong(id -> db().number(
                "SELECT count(*) FROM " + EVENTS + " e WHERE aggregate_id = ? AND published_at IS NOT NULL", id)).sum();
        assertEquals(ORDERS * Orders.HAPPY_PATH.size(), mine, "the orders' outbox rows");
        long published = db().number("SELECT count(*) FROM " + EVENTS + " e WHERE published_at > ? AND published_at <= ?",
                at(before), at(after));
        assertTrue(published >= mine, published + " published in the window, fewer than the orders' " + mine);
        assertEquals(published, after.published() - before.published(),
                "waybill_events_published_total: " + before + " -> " + after);

        // Each step's processed deliveries: one inbox row each, these orders' events among them.
        Map<String, Long> processed = db().counts(
                "SELECT consumer, count(*) FROM inbox WHERE processed_at > ? AND processed_at <= ? GROUP BY consumer",
                at(before), at(after));
        Map<String, Long> ours = db().counts("""
                SELECT i.consumer, count(*) FROM inbox i JOIN %s e ON e.event_id = i.event_id
                 WHERE e.aggregate_id = ANY (string_to_array(?, ',')) GROUP BY i.consumer""".formatted(EVENTS),
                String.join(",", ids));
        assertEquals(new TreeSet<>(MetricsAndHealthIT.CONSUMERS), ours.keySet(), "the consumers of the orders' events");
        Map<String, Long> rise = new TreeMap<>();
        ours.keySet().forEach(consumer -> rise.put(consumer,
                after.processed().getOrDefault(consumer, 0L) - before.processed().getOrDefault(consumer, 0L)));
        Map<String, Long> expected = new TreeMap<>(processed);
        expected.keySet().retainAll(ours.keySet());
        assertEquals(expected, rise, "waybill_step_processing_seconds_count{outcome=\"processed\"} by consumer, "
                + "against the inbox rows written in the window; the orders' own: " + ours);
        ours.forEach((consumer, count) -> assertTrue(processed.getOrDefault(consumer, 0L) >= count,
                consumer + " processed " + processed + " in the window, fewer than the orders' " + ours));

        long completed = db().number(
                "SELECT count(*) FROM orders WHERE status = 'COMPLETED' AND updated_at > ? AND updated_at <= ?",
                at(before), at(after));
        assertTrue(completed >= ORDERS, completed + " orders completed in the window");
        assertEquals(completed, after.completed() - before.completed(),
                "waybill_order_completion_seconds_count{status=\"COMPLETED\"}: " + before + " -> " + after);
    }

    @Test
    void wildFlyIsUpAndTheAlertRulesEvaluateRealSeries() {
        assertEquals("1", Eventually.await("a scrape of WildFly", Duration.ofSeconds(30),
                () -> prometheus.query("up{job=\"waybill\"}"), r -> !r.isEmpty()).get(0).getJsonArray("value")
                .getString(1), "up{job=\"waybill\"}: WildFly's /metrics was not scraped");

        List<JsonObject> rules = Eventually.await("every rule evaluated since Prometheus started",
                Duration.ofSeconds(30), PrometheusScrapeIT::rules, r -> !r.isEmpty() && r.stream()
                        .allMatch(rule -> Instant.parse(rule.getString("lastEvaluation")).isAfter(started)));
        for (JsonObject rule : rules) {
            assertEquals("ok", rule.getString("health"), rule.toString());
            // Every series a rule reads is one Prometheus has from WildFly or the broker: the rule evaluates real data.
            Matcher series = RULE_SERIES.matcher(rule.getString("query"));
            while (series.find()) {
                String name = series.group();
                assertFalse(prometheus.query("count(" + name + ")").isEmpty(),
                        rule.getString("name") + " reads " + name + ", which neither WildFly nor the broker serves");
            }
        }
    }

    /** Each of Waybill's queues with its depth and its dead-letter queue's, and a consumer on each (its MDB). */
    @Test
    void theBrokerIsUpWithEveryQueueItsDepthAndItsConsumers() {
        assertEquals("1", Eventually.await("a scrape of the broker", Duration.ofSeconds(30),
                () -> prometheus.query("up{job=\"artemis\"}"), r -> !r.isEmpty()).get(0).getJsonArray("value")
                .getString(1), "up{job=\"artemis\"}: the broker's endpoint " + BROKER_METRICS + " was not scraped");
        Map<String, Long> depth = byQueue("artemis_message_count");
        Map<String, Long> consumers = byQueue("artemis_consumer_count");
        for (String queue : QUEUES) {
            assertTrue(depth.getOrDefault(queue, -1L) >= 0, queue + " has no depth: " + depth);
            assertTrue(depth.getOrDefault("DLQ." + queue, -1L) >= 0, "DLQ." + queue + " has no depth: " + depth);
            assertTrue(consumers.getOrDefault(queue, 0L) >= 1, queue + " has no consumer: " + consumers);
        }
    }

    /** A broker meter of the last scrape, by queue. */
    private static Map<String, Long> byQueue(String meter) {
        Map<String, Long> byQueue = new TreeMap<>();
        for (JsonObject sample : Eventually.await(meter + " from the broker", Duration.ofSeconds(30),
                () -> prometheus.query(meter + "{job=\"artemis\", broker=\"waybill\"}"), r -> !r.isEmpty())) {
            byQueue.put(sample.getJsonObject("metric").getString("queue"), value(sample));
        }
        return byQueue;
    }

    /** What one scrape of WildFly said, as Prometheus stored it: the scrape's time and the counters then. */
    record Figures(Instant scrapedAt, long published, Map<String, Long> processed, long completed) {
    }

    /**
     * The figures of the last scrape two seconds ago (surely stored by now), once two such scrapes agree: nothing
     * was under way at that scrape, so no piece of work is half counted on one side of the window.
     */
    private static Figures quiet() {
        Figures[] last = {null};
        return Eventually.await("two scrapes of WildFly with the same counters", Duration.ofSeconds(60), () -> {
            Figures previous = last[0];
            last[0] = figures(Instant.now().minusSeconds(2));
            return previous == null || previous.scrapedAt().equals(last[0].scrapedAt())
                    || !sameCounts(previous, last[0]) ? null : last[0];
        }, f -> f != null);
    }

    private static boolean sameCounts(Figures a, Figures b) {
        return a.published() == b.published() && a.processed().equals(b.processed()) && a.completed() == b.completed();
    }

    /** Every query at the same time reads the same scrape. */
    private static Figures figures(Instant at) {
        List<JsonObject> scraped = prometheus.query("timestamp(waybill_events_published_total{job=\"waybill\"})", at);
        if (scraped.isEmpty()) {
            return new Figures(Instant.EPOCH, -1, Map.of(), -1);
        }
        Map<String, Long> processed = new TreeMap<>();
        for (JsonObject step : prometheus.query(
                "waybill_step_processing_seconds_count{job=\"waybill\", outcome=\"processed\"}", at)) {
            processed.put(step.getJsonObject("metric").getString("consumer"), value(step));
        }
        return new Figures(
                Instant.ofEpochMilli(Math.round(Double.parseDouble(scraped.get(0).getJsonArray("value").getString(1)) * 1000)),
                value(prometheus.query("waybill_events_published_total{job=\"waybill\"}", at).get(0)),
                processed,
                value(prometheus.query(
                        "waybill_order_completion_seconds_count{job=\"waybill\", status=\"COMPLETED\"}", at).get(0)));
    }

    private static long value(JsonObject sample) {
        return Math.round(Double.parseDouble(sample.getJsonArray("value").getString(1)));
    }

    private static OffsetDateTime at(Figures figures) {
        return OffsetDateTime.ofInstant(figures.scrapedAt(), ZoneOffset.UTC);
    }

    private static List<JsonObject> rules() {
        return prometheus.api("/api/v1/rules").getJsonArray("groups").getValuesAs(JsonObject.class).stream()
                .flatMap(group -> group.getJsonArray("rules").getValuesAs(JsonObject.class).stream()).toList();
    }
}

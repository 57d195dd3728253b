package org.waybill.operations;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.waybill.messaging.StepMeters;
import org.waybill.ordering.OrderAdmission;
import org.waybill.ordering.OrderMeters;
import org.waybill.outbox.RelayMeters;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alert rules (server-config/prometheus/waybill-rules.yml) and the Grafana dashboard
 * (server-config/grafana/waybill-dashboard.json) name only series the application exports, as a Prometheus registry
 * (the one WildFly's micrometer subsystem uses) writes them, and the dashboard shows every Waybill meter. A query may
 * name the broker's series ({@code artemis_*}) instead: BrokerXmlMetricsTest (module broker-metrics) holds those
 * against what a broker configured by broker.xml exports.
 */
class ObservabilityFilesMatchMetersTest {
    private static final Pattern SERIES = Pattern.compile("\\bwaybill_[a-z0-9_]+");
    private static final Pattern BROKER_SERIES = Pattern.compile("\\bartemis_[a-z0-9_]+");
    /** Every series of a scrape, and the metric families (# TYPE lines) of Waybill's meters. */
    private static final Set<String> EXPORTED = new TreeSet<>();
    private static final Set<String> FAMILIES = new TreeSet<>();

    @BeforeAll
    static void scrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new StepMeters().bindTo(registry);
        new RelayMeters().bindTo(registry);
        new OrderMeters().bindTo(registry);
        new OrderAdmission().bindTo(registry);
        new OperationsGauges().bindTo(registry);
        for (String line : registry.scrape().split("\n")) {
            if (line.startsWith("# TYPE waybill_")) {
                FAMILIES.add(line.split(" ")[2]);
            } else if (line.startsWith("waybill_")) {
                EXPORTED.add(line.split("[{ ]")[0]);
            }
        }
    }

    @Test
    void everyRuleIsAnAlertOnExportedSeriesWithSeverityAndSummary() {
        List<Map<String, Object>> rules = rules();
        assertFalse(rules.isEmpty(), "no rules");
        for (Map<String, Object> rule : rules) {
            String alert = (String) rule.get("alert");
            assertNotNull(alert, "a rule without alert name: " + rule);
            assertUsesOnlyExportedSeries("rule " + alert, (String) rule.get("expr"));
            assertNotNull(((Map<?, ?>) rule.get("labels")).get("severity"), alert + " has no severity");
            assertNotNull(((Map<?, ?>) rule.get("annotations")).get("summary"), alert + " has no summary");
        }
    }

    @Test
    void theRulesCoverWhatOperatorsMustHear() {
        Set<String> alerts = new TreeSet<>();
        rules().forEach(r -> alerts.add((String) r.get("alert")));
        assertEquals(Set.of("WaybillOutboxLagOverSlo", "WaybillRelayNotPublishing", "WaybillDeadLettersAppearing",
                "WaybillOutboxEventsSetAside", "WaybillStepFailureRate", "WaybillQueueGrowing",
                "WaybillBrokerNotActive", "WaybillBrokerDiskNearlyFull", "WaybillQueueWithoutConsumer"), alerts);
    }

    @Test
    void everyDashboardQueryUsesOnlyExportedSeries() {
        List<String> expressions = dashboardExpressions();
        assertFalse(expressions.isEmpty(), "no queries in the dashboard");
        expressions.forEach(e -> assertUsesOnlyExportedSeries("dashboard query", e));
    }

    @Test
    void theDashboardShowsEveryWaybillMeter() {
        String queries = String.join("\n", dashboardExpressions());
        for (String family : FAMILIES) {
            assertTrue(Pattern.compile("\\b" + family + "(_bucket|_count|_sum|_total)?\\b").matcher(queries).find(),
                    "the dashboard has no panel on " + family);
        }
    }

    @Test
    void theDashboardIsAnImportableGrafanaDashboard() {
        JsonObject dashboard = dashboard();
        assertEquals("waybill", dashboard.getString("uid"));
        assertFalse(dashboard.getString("title").isBlank());
        assertTrue(dashboard.getInt("schemaVersion") > 0);
        Set<Integer> ids = new TreeSet<>();
        for (JsonObject panel : dashboard.getJsonArray("panels").getValuesAs(JsonObject.class)) {
            assertTrue(ids.add(panel.getInt("id")), "two panels with id " + panel.getInt("id"));
            JsonObject at = panel.getJsonObject("gridPos");
            assertTrue(at.getInt("x") + at.getInt("w") <= 24, panel.getString("title") + " is wider than the grid");
            if (!"row".equals(panel.getString("type"))) {
                assertEquals("${datasource}", panel.getJsonObject("datasource").getString("uid"),
                        panel.getString("title") + " does not use the dashboard's Prometheus variable");
                assertFalse(panel.getJsonArray("targets").isEmpty(), panel.getString("title") + " has no query");
            }
        }
    }

    private static void assertUsesOnlyExportedSeries(String where, String expression) {
        assertNotNull(expression, where + " has no expression");
        Matcher series = SERIES.matcher(expression);
        boolean any = false;
        while (series.find()) {
            any = true;
            assertTrue(EXPORTED.contains(series.group()), where + " names " + series.group()
                    + ", which the application does not export; it exports " + EXPORTED);
        }
        assertTrue(any || BROKER_SERIES.matcher(expression).find(),
                where + " names none of Waybill's or the broker's series: " + expression);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() {
        try (InputStream in = resource("prometheus/waybill-rules.yml")) {
            Map<String, Object> file = new Yaml().load(in);
            List<Map<String, Object>> rules = new ArrayList<>();
            ((List<Map<String, Object>>) file.get("groups"))
                    .forEach(group -> rules.addAll((List<Map<String, Object>>) group.get("rules")));
            return rules;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject dashboard() {
        try (JsonReader reader = Json.createReader(new InputStreamReader(resource("grafana/waybill-dashboard.json"),
                StandardCharsets.UTF_8))) {
            return reader.readObject();
        }
    }

    private static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        JsonArray panels = dashboard().getJsonArray("panels");
        for (JsonObject panel : panels.getValuesAs(JsonObject.class)) {
            JsonArray targets = panel.getJsonArray("targets");
            if (targets != null) {
                targets.getValuesAs(JsonObject.class).forEach(t -> expressions.add(t.getString("expr")));
            }
        }
        return expressions;
    }

    private static InputStream resource(String path) {
        InputStream in = ObservabilityFilesMatchMetersTest.class.getResourceAsStream("/server-config/" + path);
        assertNotNull(in, "server-config/" + path + " is not on the test classpath");
        return in;
    }
}

package org.waybill.web.operations;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import org.waybill.operations.OperationsMonitor;
import org.waybill.operations.OperationsReport;
import org.waybill.platform.JsonFactories;
import org.waybill.web.Messages;

import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The operations dashboard: queues (from the broker), outbox and steps (from the database), and two charts over the
 * last minutes, refreshed by the page every few seconds.
 */
@Named
@ViewScoped
public class DashboardView implements Serializable {
    private static final JsonBuilderFactory JSON = JsonFactories.BUILDERS;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final List<String> COLOURS = List.of("#2563eb", "#16a34a", "#d97706", "#dc2626", "#7c3aed",
            "#0891b2", "#4b5563");

    @Inject
    OperationsMonitor monitor;

    private OperationsReport report;

    public void refresh() {
        try {
            report = monitor.report();
        } catch (RuntimeException e) {
            Messages.failed(e);
        }
    }

    public OperationsReport getReport() {
        if (report == null) {
            refresh();
        }
        return report;
    }

    /** Queue depths over the last 15 minutes, one line per queue (Chart.js configuration). */
    public String getDepthChart() {
        List<OperationsReport.Sample> samples = getReport() == null ? List.of() : report.samples();
        TreeSet<String> queues = new TreeSet<>();
        samples.forEach(s -> queues.addAll(s.depths().keySet()));
        Map<String, Function<OperationsReport.Sample, Number>> series = new TreeMap<>();
        queues.forEach(q -> series.put(q.replace("waybill.events.", ""), s -> s.depths().getOrDefault(q, 0L)));
        series.put("outbox backlog", OperationsReport.Sample::outboxBacklog);
        return lineChart(samples.stream().map(s -> CLOCK.format(s.at())).toList(), series, samples,
                "messages waiting");
    }

    /** Events processed per 10 seconds by each step over the last 15 minutes (Chart.js configuration). */
    public String getThroughputChart() {
        List<OperationsReport.StepPoint> points = getReport() == null ? List.of() : report.stepSeries();
        TreeSet<java.time.Instant> buckets = new TreeSet<>();
        TreeSet<String> consumers = new TreeSet<>();
        points.forEach(p -> {
            buckets.add(p.bucket());
            consumers.add(p.consumer());
        });
        Map<String, Map<java.time.Instant, Long>> processed = new TreeMap<>();
        points.forEach(p -> processed.computeIfAbsent(p.consumer(), c -> new TreeMap<>()).put(p.bucket(), p.processed()));
        List<java.time.Instant> times = List.copyOf(buckets);
        Map<String, Function<java.time.Instant, Number>> series = new TreeMap<>();
        consumers.forEach(c -> series.put(c, t -> processed.get(c).getOrDefault(t, 0L)));
        return lineChart(times.stream().map(CLOCK::format).toList(), series, times, "events per 10 s");
    }

    private static <T> String lineChart(List<String> labels, Map<String, Function<T, Number>> series, List<T> points,
                                        String yTitle) {
        JsonArrayBuilder datasets = JSON.createArrayBuilder();
        int colour = 0;
        for (var entry : series.entrySet()) {
            JsonArrayBuilder data = JSON.createArrayBuilder();
            points.forEach(p -> data.add(entry.getValue().apply(p).longValue()));
            String c = COLOURS.get(colour++ % COLOURS.size());
            datasets.add(JSON.createObjectBuilder().add("label", entry.getKey()).add("data", data)
                    .add("borderColor", c).add("backgroundColor", c).add("fill", false).add("tension", 0.2)
                    .add("pointRadius", 0));
        }
        JsonObjectBuilder options = JSON.createObjectBuilder()
                .add("animation", false)
                .add("maintainAspectRatio", false)
                .add("plugins", JSON.createObjectBuilder().add("legend", JSON.createObjectBuilder().add("position", "bottom")))
                .add("scales", JSON.createObjectBuilder().add("y", JSON.createObjectBuilder().add("beginAtZero", true)
                        .add("title", JSON.createObjectBuilder().add("display", true).add("text", yTitle))));
        return JSON.createObjectBuilder().add("type", "line")
                .add("data", JSON.createObjectBuilder().add("labels", JSON.createArrayBuilder(labels)).add("datasets", datasets))
                .add("options", options).build().toString();
    }
}

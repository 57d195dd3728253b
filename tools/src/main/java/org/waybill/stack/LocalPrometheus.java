package org.waybill.stack;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus (Debian's prometheus package) that scrapes the given metrics endpoints every second and evaluates
 * Waybill's alert rules (server-config/prometheus/waybill-rules.yml) every second. Everything it writes, its
 * configuration, time series database and log, is under its home folder; it listens on loopback, on a free port.
 */
public final class LocalPrometheus implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String RULES = "waybill-rules.yml";

    private final URI url;
    private final ChildProcess process;

    private LocalPrometheus(URI url, ChildProcess process) {
        this.url = url;
        this.process = process;
    }

    /**
     * @param binary the prometheus binary
     * @param home   its folder, emptied first: its own data only, never another run's series
     * @param jobs   scrape job name to the metrics URL it scrapes
     */
    public static LocalPrometheus start(Path binary, Path home, Map<String, URI> jobs) throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(home);
        Files.writeString(home.resolve(RULES), ServerConfigFiles.read("prometheus/" + RULES));
        Path config = home.resolve("prometheus.yml");
        Files.writeString(config, config(jobs));
        int port = freePort();
        Path log = home.resolve("prometheus.log");
        ChildProcess process = ChildProcess.start("prometheus", List.of(binary.toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + port), home, Map.of(), log);
        LocalPrometheus prometheus = new LocalPrometheus(URI.create("http://127.0.0.1:" + port), process);
        try {
            process.await("readiness on port " + port, Duration.ofSeconds(60), prometheus::ready, log);
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    /** The configuration: each job scrapes its URL every second (a timeout of a second: no overlapping scrapes). */
    static String config(Map<String, URI> jobs) {
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                """.formatted(RULES));
        jobs.forEach((job, endpoint) -> yaml.append("""
                  - job_name: '%s'
                    scheme: %s
                    metrics_path: '%s'
                    static_configs:
                      - targets: ['%s']
                """.formatted(job, endpoint.getScheme(), endpoint.getRawPath(), endpoint.getRawAuthority())));
        return yaml.toString();
    }

    public URI url() {
        return url;
    }

    /** An instant query at the time of the request: its result vector (each entry a metric's labels and value). */
    public List<JsonObject> query(String promql) {
        return query(promql, Instant.now());
    }

    /** An instant query at the given time: each series' last sample then, so queries at one time read one scrape. */
    public List<JsonObject> query(String promql, Instant at) {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + BigDecimal.valueOf(at.toEpochMilli(), 3).toPlainString()).getJsonArray("result").getValuesAs(JsonObject.class);
    }

    /** The {@code data} of an HTTP API answer (e.g. {@code /api/v1/rules}), which must be a success. */
    public JsonObject api(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            JsonObject answer = reader.readObject();
            if (response.statusCode() != 200 || !"success".equals(answer.getString("status", null))) {
                throw new IllegalStateException("Prometheus answered " + pathAndQuery + " with " + response.statusCode()
                        + ": " + response.body());
            }
            return answer.getJsonObject("data");
        }
    }

    private boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (UncheckedIOException notListeningYet) {
            return false;
        }
    }

    private HttpResponse<String> get(String pathAndQuery) {
        try {
            return HTTP.send(HttpRequest.newBuilder(url.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }
}

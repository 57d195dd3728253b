package org.waybill.brokermetrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin's registry, served in the Prometheus text format on its endpoint, and only there. */
class PrometheusMetricsPluginTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private PrometheusMetricsPlugin plugin;

    @AfterEach
    void stop() {
        if (plugin != null) {
            plugin.close();
        }
    }

    private PrometheusMetricsPlugin started(Map<String, String> options) {
        plugin = (PrometheusMetricsPlugin) new PrometheusMetricsPlugin().init(options);
        plugin.start();
        return plugin;
    }

    private HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + plugin.address().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheRegistrysMetersInThePrometheusTextFormat() throws Exception {
        started(Map.of("port", "0"));
        Counter.builder("artemis.test.sent").tag("queue", "waybill.email").register(plugin.getRegistry()).increment(3);
        Gauge.builder("artemis.message.count", () -> 7).tag("queue", "DLQ.waybill.email").register(plugin.getRegistry());

        HttpResponse<String> scrape = call("GET", "/metrics");

        assertEquals(200, scrape.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.headers().firstValue("Content-Type").orElse(""));
        assertTrue(scrape.body().contains("# TYPE artemis_test_sent_total counter\n"), scrape.body());
        assertTrue(scrape.body().contains("artemis_test_sent_total{queue=\"waybill.email\"} 3.0\n"), scrape.body());
        assertTrue(scrape.body().contains("artemis_message_count{queue=\"DLQ.waybill.email\"} 7.0\n"), scrape.body());
    }

    @Test
    void listensOnLoopbackByDefault() {
        started(Map.of("port", "0"));
        assertTrue(plugin.address().getAddress().isLoopbackAddress(), plugin.address().toString());
    }

    @Test
    void answersNothingElse() throws Exception {
        started(Map.of("port", "0"));
        assertEquals(404, call("GET", "/").statusCode());
        assertEquals(404, call("GET", "/metrics/../console").statusCode());
        HttpResponse<String> post = call("POST", "/metrics");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> head = call("HEAD", "/metrics");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void stopsServingWhenClosed() throws Exception {
        started(Map.of("host", "127.0.0.1", "port", "0"));
        int port = plugin.address().getPort();
        plugin.close();
        assertNull(plugin.address());
        URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
        assertThrows(ConnectException.class, () -> http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void refusesAPortThatIsNoNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PrometheusMetricsPlugin().init(Map.of("port", "94o4")));
        assertTrue(e.getMessage().contains("'94o4'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PrometheusMetricsPlugin().init(Map.of("port", "70000")));
    }
}

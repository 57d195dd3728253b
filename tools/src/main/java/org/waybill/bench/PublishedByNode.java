package org.waybill.bench;

import org.waybill.load.OwnStack;
import org.waybill.stack.LocalWildFly;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each running node's count of the events its relay published ({@code waybill_events_published_total} on its
 * management {@code /metrics}), to tell how a drain was shared and whether two relays published the same row.
 */
final class PublishedByNode {
    private static final String METRIC = "waybill_events_published_total";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PublishedByNode() {
    }

    /** Node id to its counter now, for the nodes that run. */
    static Map<String, Long> now(OwnStack stack) throws IOException, InterruptedException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int number = 1; number <= stack.settings().nodes().size(); number++) {
            LocalWildFly node = stack.stack().node(number);
            if (node.isRunning()) {
                counts.put(node.node().id(), scrape(node.node().managementPort()));
            }
        }
        return counts;
    }

    /** What each node published between two readings (a node missing from {@code before} started from 0). */
    static Map<String, Long> since(Map<String, Long> before, Map<String, Long> now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        now.forEach((node, count) -> counts.put(node, count - before.getOrDefault(node, 0L)));
        return counts;
    }

    private static long scrape(int managementPort) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/metrics")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("/metrics on port " + managementPort + " answered " + answer.statusCode());
        }
        return answer.body().lines().filter(l -> l.startsWith(METRIC + " ") || l.startsWith(METRIC + "{"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}

package org.waybill.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape in the Prometheus text format, read as its samples: WildFly's (MetricsAndHealthIT), the broker's. */
final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusText() {
    }

    /** What WildFly's management interface serves at /metrics now. */
    static List<Sample> scrapeWildFly() {
        return scrape(URI.create("http://127.0.0.1:" + Integer.getInteger("waybill.it.management-port") + "/metrics"));
    }

    static List<Sample> scrape(URI endpoint) {
        return parse(get(endpoint).body());
    }

    /** A GET of a metrics endpoint without credentials, which must answer 200. */
    static HttpResponse<String> get(URI endpoint) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(endpoint + " answered " + response.statusCode() + " to a scrape without credentials");
            }
            return response;
        } catch (IOException e) {
            throw new AssertionError("GET " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One sample of a scrape: its name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
        boolean has(String label, String value) {
            return value.equals(labels.get(label));
        }
    }

    static List<Sample> parse(String scrape) {
        List<Sample> samples = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                Map<String, String> labels = new TreeMap<>();
                Matcher label = LABEL.matcher(sample.group(3) == null ? "" : sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
            }
        }
        return samples;
    }

    static List<Sample> named(List<Sample> scrape, String name) {
        return scrape.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The one sample of that name with those labels (name, value pairs); NaN when there is none. */
    static double value(List<Sample> scrape, String name, String... labels) {
        List<Sample> matching = named(scrape, name).stream().filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!s.has(labels[i], labels[i + 1])) {
                    return false;
                }
            }
            return true;
        }).toList();
        if (matching.size() > 1) {
            throw new AssertionError("more than one " + name + " with " + List.of(labels) + ": " + matching);
        }
        return matching.isEmpty() ? Double.NaN : matching.get(0).value();
    }
}

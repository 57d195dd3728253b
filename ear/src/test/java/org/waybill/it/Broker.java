package org.waybill.it;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The test Artemis seen from outside: a JMS client as the operator, and queue counters from its management API. */
final class Broker {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Broker() {
    }

    static ConnectionFactory operatorConnectionFactory() {
        var s = TestStack.stack().settings();
        return new ActiveMQConnectionFactory("tcp://" + s.broker().host() + ":" + s.broker().port(),
                s.consoleUser().user(), s.consoleUser().password());
    }

    /** Every queue the application consumes from. */
    static final List<String> CONSUMED_QUEUES = List.of("waybill.events.inventory", "waybill.events.payment",
            "waybill.events.shipping", "waybill.events.notification", "waybill.events.ordering", "waybill.email");

    /** A numeric attribute of a multicast queue of waybill.events, e.g. MessagesAdded, read through Jolokia. */
    static long eventQueueCounter(String queue, String attribute) {
        return queueCounter(queue, attribute);
    }

    /** Waits until no queue the application consumes from holds or delivers a message. */
    static void awaitDrained() {
        Eventually.await("all queues drained", java.time.Duration.ofSeconds(60),
                () -> CONSUMED_QUEUES.stream().mapToLong(q -> queueCounter(q, "MessageCount")).sum(), n -> n == 0);
    }

    static long queueCounter(String queue, String attribute) {
        var s = TestStack.stack().settings();
        boolean work = queue.equals("waybill.email");
        String mbean = "org.apache.activemq.artemis:broker=\"waybill\",component=addresses,address=\""
                + (work ? "waybill.email" : "waybill.events") + "\",subcomponent=queues,routing-type=\""
                + (work ? "anycast" : "multicast") + "\",queue=\"" + queue + "\"";
        URI uri = URI.create("http://127.0.0.1:" + s.consolePort() + "/console/jolokia/read/"
                + URLEncoder.encode(mbean, StandardCharsets.UTF_8).replace("+", "%20") + "/" + attribute);
        String auth = Base64.getEncoder().encodeToString(
                (s.consoleUser().user() + ":" + s.consoleUser().password()).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Basic " + auth)
                    .header("Origin", "http://127.0.0.1") // Jolokia refuses requests without an origin
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            try (var reader = jakarta.json.Json.createReader(new StringReader(response.body()))) {
                var json = reader.readObject();
                if (json.getInt("status") != 200) {
                    throw new IllegalStateException("Jolokia: " + response.body());
                }
                return json.getJsonNumber("value").longValue();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.it.PrometheusText.Sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.PrometheusText.named;
import static org.waybill.it.PrometheusText.value;

/**
 * The broker's meters as Prometheus scrapes them from the broker's own endpoint (broker.xml's metrics plugin, module
 * broker-metrics; its URL is the system property {@value #URL_PROPERTY}), without any user: after an order went through
 * every step and a poison message was parked, the queues' figures agree with the workflow and with the broker's
 * management API.
 */
@ArquillianTest
class BrokerMetricsIT {
    static final String URL_PROPERTY = "waybill.it.broker.metrics.url";
    private static final URI ENDPOINT = URI.create(System.getProperty(URL_PROPERTY));
    private static final String PAYMENT = "waybill.events.payment";
    private static final String INVENTORY_DLQ = "DLQ.waybill.events.inventory";

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void anOrderAndAParkedMessageShowInTheBrokersMeters() throws Exception {
        // Other ITs ran before this one on the same broker: the order shows as what it adds.
        List<Sample> before = scrape();
        String id = Orders.place("broker-metrics", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(id, "COMPLETED");
        Orders.awaitPublished(id);
        Broker.sendUnprocessableTo(UUID.randomUUID().toString());
        Broker.awaitDrained();

        // Payment's subscription took order.created and inventory.reserved of the order; payment acknowledged both.
        // Artemis updates the acknowledged count a moment after the acknowledgement.
        List<Sample> after = Eventually.await("the order in payment's queue meters", Duration.ofSeconds(30),
                BrokerMetricsIT::scrape, s -> queue(s, "artemis_messages_acknowledged", PAYMENT)
                        >= queue(before, "artemis_messages_acknowledged", PAYMENT) + 2);
        assertTrue(queue(after, "artemis_messages_added", PAYMENT) >= queue(before, "artemis_messages_added", PAYMENT) + 2,
                "payment's messages added: " + named(after, "artemis_messages_added"));
        assertTrue(queue(after, "artemis_consumer_count", PAYMENT) >= 1, "payment's message-driven bean has no consumer");
        assertEquals(0, queue(after, "artemis_message_count", PAYMENT), "payment's queue is drained");

        // The parked message is in inventory's DLQ, and the meter says what the management API says.
        assertTrue(queue(after, "artemis_message_count", INVENTORY_DLQ)
                >= queue(before, "artemis_message_count", INVENTORY_DLQ) + 1, named(after, "artemis_message_count").toString());
        Eventually.await("inventory's DLQ meter to agree with the management API", Duration.ofSeconds(30),
                () -> queue(scrape(), "artemis_message_count", INVENTORY_DLQ)
                        - Broker.queueCounter(INVENTORY_DLQ, "MessageCount"), difference -> difference == 0);

        double disk = value(after, "artemis_disk_store_usage", "broker", "waybill");
        assertTrue(disk > 0 && disk < 1, "share of the journal's disk in use: " + disk);
        assertFalse(named(after, "jvm_memory_used_bytes").isEmpty(), "the broker's JVM meters are in the same scrape");
    }

    @Test
    void theEndpointListensOnLoopbackOnly() throws IOException {
        assertEquals("127.0.0.1", ENDPOINT.getHost());
        LoopbackOnly.assertListensOnLoopbackOnly(ENDPOINT.getPort(), "the broker's metrics endpoint");
    }

    /** The figure of one of the workflow's queues, or of a DLQ (address DLQ). */
    private static double queue(List<Sample> scrape, String name, String queue) {
        return value(scrape, name, "broker", "waybill", "queue", queue);
    }

    private static List<Sample> scrape() {
        HttpResponse<String> response = PrometheusText.get(ENDPOINT);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        return PrometheusText.parse(response.body());
    }
}

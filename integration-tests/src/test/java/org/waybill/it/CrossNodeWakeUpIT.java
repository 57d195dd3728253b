package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * A commit on one node wakes another node's relay (PostgreSQL LISTEN/NOTIFY): node 2 runs with its relay off
 * (WAYBILL_RELAY_ENABLED=false), so every event written there, its orders' order.created first, is published by
 * node 1, which hears node 2's notifications (counted apart from its own) rather than waiting for its poll. The
 * times from commit to publication are printed, not asserted.
 */
@ArquillianTest
class CrossNodeWakeUpIT {
    private static final String SKU = "IT-WAKE-01";
    private static SecondNode relayOff;

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @BeforeAll
    static void startNodeWithoutRelay() throws IOException {
        db().execute("INSERT INTO products (sku, name, unit_price, stock_on_hand) VALUES (?, 'Wake-up', 1.00, 1000)",
                SKU);
        relayOff = SecondNode.start(Map.of("WAYBILL_RELAY_ENABLED", "false"), Map.of());
    }

    @AfterAll
    static void stopIt() {
        if (relayOff != null) {
            relayOff.close();
        }
    }

    @Test
    void ordersPlacedOnANodeWhoseRelayIsOffArePublishedByTheOtherOnItsNotifications() throws InterruptedException {
        String customers = "wake" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";
        double heard = notifications(PrometheusText.scrapeWildFly());
        Api.Client node2 = Api.operator().at(relayOff.api());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(Orders.place(node2, customers + i, "tok_sandbox", SKU + ":1"));
            Thread.sleep(ThreadLocalRandom.current().nextInt(50, 300)); // commits at all phases of node 1's poll
        }
        for (String id : ids) {
            assertEquals("COMPLETED", Orders.awaitFinal(id).getString("status"), id);
        }

        assertEquals(0.0, PrometheusText.value(relayOff.scrape(), "waybill_events_published_total"),
                "node 2's relay is off: it published nothing");
        assertTrue(notifications(PrometheusText.scrapeWildFly()) > heard,
                "node 1 heard node 2's commits through PostgreSQL");
        System.out.println("CrossNodeWakeUpIT: order.created committed on node 2, published by node 1, ms from commit "
                + "to publication (p50, max): " + db().text("""
                SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) || ', ' || round(max(ms))
                  FROM (SELECT extract(epoch FROM e.published_at - e.occurred_at) * 1000 AS ms
                          FROM event_history e JOIN orders o ON o.id::text = e.aggregate_id
                         WHERE o.customer_id LIKE ? AND e.event_type = 'order.created') t""", customers + "%"));
    }

    private static double notifications(List<PrometheusText.Sample> scrape) {
        return PrometheusText.value(scrape, "waybill_relay_notifications_total");
    }
}

package org.waybill.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * Two WildFly nodes on one database and one broker, as several nodes behind a load balancer run: Arquillian's node 1
 * and {@link SecondNode}. Orders placed on either node end once each, every consumer takes an order's events in outbox
 * order whichever node's relay published them and whichever node's consumer took them, and a node that stops
 * answering (its JVM frozen) holds up neither the other node's orders nor, once it goes on, its own.
 */
@ArquillianTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {
    /** Stock of its own for each test's orders, so that no order waits for a product row the frozen node locked. */
    private static final String SKU_NODE_1 = "IT-NODES-01";
    private static final String SKU_NODE_2 = "IT-NODES-02";
    private static SecondNode second;

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @BeforeAll
    static void startSecondNode() throws IOException {
        for (String sku : List.of(SKU_NODE_1, SKU_NODE_2)) {
            db().execute("INSERT INTO products (sku, name, unit_price, stock_on_hand) VALUES (?, 'Two nodes', 1.00, 1000)",
                    sku);
        }
        second = SecondNode.start();
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    @Order(1)
    void ordersPlacedOnEitherNodeEachCompleteOnceWithTheirEventsInOrderAtEveryConsumer() {
        String customers = customers();
        List<Api.Client> nodes = List.of(Api.operator(), Api.operator().at(second.api()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(Orders.place(nodes.get(i % 2), customers + i, "tok_sandbox", SKU_NODE_1 + ":1"));
        }

        for (String id : ids) {
            JsonObject order = Orders.awaitFinal(id);
            assertEquals("COMPLETED", order.getString("status"), order.toString());
            assertEquals(Orders.HAPPY_PATH, Orders.timelineTypes(order), id);
        }
        assertEachOnceAndInOrder(customers, ids);
        // Both nodes did the work: node 2 started with no step counted.
        assertTrue(processedSteps(second.scrape()) > 0, "node 2's consumers took no event: "
                + PrometheusText.named(second.scrape(), "waybill_step_processing_seconds_count"));
    }

    /**
     * Node 2 frozen (SIGSTOP) right after taking orders: it still holds its broker connections, its consumers'
     * message groups and whatever rows its transactions locked, but answers nothing, as a node in a long pause does.
     * Node 1's orders complete meanwhile: the broker drops node 2's silent connections after their connection-ttl
     * (configure-messaging.cli) and gives their message groups to node 1's consumers, and node 1's relay skips the
     * rows node 2 may hold. Once node 2 goes on, its own orders complete, nothing done twice.
     */
    @Test
    @Order(2)
    void aFrozenNodeHoldsUpNeitherTheOtherNodesOrdersNorItsOwnOnceItGoesOn() {
        String customers = customers();
        Api.Client node2 = Api.operator().at(second.api());
        List<String> onNode2 = new ArrayList<>();
        List<String> onNode1 = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            onNode2.add(Orders.place(node2, customers + "b" + i, "tok_sandbox", SKU_NODE_2 + ":1"));
        }
        second.pause();
        try {
            long frozen = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                onNode1.add(Orders.place(customers + "a" + i, "tok_sandbox", SKU_NODE_1 + ":1"));
            }
            for (String id : onNode1) {
                Orders.awaitStatus(id, "COMPLETED");
            }
            System.out.printf("Node 1's orders completed %.1f s into node 2's freeze; node 2's orders then: %s%n",
                    (System.nanoTime() - frozen) / 1e9, onNode2.stream()
                            .map(id -> db().text("SELECT status FROM orders WHERE id = ?::uuid", id))
                            .collect(Collectors.joining(", ")));
        } finally {
            second.resume();
        }

        for (String id : onNode2) {
            assertEquals("COMPLETED", Orders.awaitFinal(id).getString("status"), id);
        }
        List<String> all = new ArrayList<>(onNode1);
        all.addAll(onNode2);
        assertEachOnceAndInOrder(customers, all);
    }

    /** The route a load balancer keeps a browser on its node by: configure-web.cli's instance id, WAYBILL_NODE_ID. */
    @Test
    void aSessionCookieNamesTheNodeThatHoldsTheSession() {
        String onNode1 = Screens.sessionCookie(Screens.http().get("/orders/index.xhtml"));
        assertTrue(onNode1.matches("JSESSIONID=[^;]+\\.waybill-1;.*"), onNode1);
        String onNode2 = Screens.sessionCookie(Screens.http(second.screens()).get("/orders/index.xhtml"));
        assertTrue(onNode2.matches("JSESSIONID=[^;]+\\.waybill-2;.*"), onNode2);
    }

    /** A customer id prefix of this run, so the checks read only this test's orders (no LIKE wildcard in it). */
    private static String customers() {
        return "nodes" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";
    }

    private static void assertEachOnceAndInOrder(String customers, List<String> ids) {
        OrderAudit.assertEachOnceAndInOrder(db(), customers, ids);
    }

    private static double processedSteps(List<PrometheusText.Sample> scrape) {
        return PrometheusText.named(scrape, "waybill_step_processing_seconds_count").stream()
                .filter(s -> s.has("outcome", "processed")).mapToDouble(PrometheusText.Sample::value).sum();
    }
}

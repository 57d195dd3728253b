package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.AppUser;
import org.waybill.stack.BrokerConsole;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.PrometheusText.scrapeWildFly;
import static org.waybill.it.PrometheusText.value;
import static org.waybill.it.TestStack.db;

/**
 * The admission limit: while the outbox and the consumed queues hold more than {@code waybill.admission.max-backlog}
 * (set for this test only, as a system property through WildFly's management API), a new order gets 503 problem+json with
 * Retry-After and nothing is written, on the API and on the order screen, while a retry of an order already
 * accepted still gets that order; once the backlog is worked off, the refused order goes through with its key.
 */
@ArquillianTest
class AdmissionIT {
    private static final String MAX_BACKLOG = "waybill.admission.max-backlog";
    private static final String ADDRESS = "waybill.events";
    private static final String INVENTORY = "waybill.events.inventory";
    private static final int LIMIT = 3;

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void newOrdersAreRefusedWhileAQueueIsOverTheLimitAndAcceptedAgainWhenItDrains() {
        String customer = "admission-" + UUID.randomUUID().toString().substring(0, 8);
        String order = "{\"customerId\":\"" + customer + "\",\"lines\":[{\"sku\":\"WB-PEN-BLK\",\"quantity\":1}]}";
        BrokerConsole broker = TestStack.stack().broker().console();
        List<String> placed = new ArrayList<>();
        String refusedKey = "admission-refused-" + UUID.randomUUID();
        broker.pauseQueue(ADDRESS, INVENTORY); // inventory takes nothing: every order.created waits there
        try {
            for (int i = 0; i <= LIMIT; i++) {
                Api.Reply created = Api.post("/orders", order, "Idempotency-Key", customer + "-" + i);
                assertEquals(201, created.status(), "no limit yet: " + created.body());
                placed.add(created.json().getString("id"));
            }
            SystemProperties.set(MAX_BACKLOG, Integer.toString(LIMIT));
            try {
                // Sampled about every second once the limit is set; until then an order is admitted (fail open), so
                // the wait places probes of another customer, not the order under test.
                String probe = order.replace(customer, customer + "-probe");
                Eventually.await("the sampled backlog over the limit", Duration.ofSeconds(30),
                        () -> Api.post("/orders", probe, "Idempotency-Key", "admission-probe-" + UUID.randomUUID()),
                        reply -> reply.status() == 503);
                double refusedBefore = value(scrapeWildFly(), "waybill_orders_refused_total", "reason", "queue");

                Api.Reply refused = Api.post("/orders", order, "Idempotency-Key", refusedKey);
                assertEquals(503, refused.status(), refused.body());
                assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
                assertEquals("1", refused.header("Retry-After"), "the default waybill.admission.retry-after-seconds");
                assertEquals("urn:waybill:problem:admission-limit", refused.json().getString("type"));
                assertEquals(503, refused.json().getInt("status"));
                assertTrue(refused.json().getString("detail").contains("(the most in queue " + INVENTORY + ": "),
                        refused.json().getString("detail"));
                assertEquals(LIMIT + 1, ordersOf(customer), "the refused order was not written");

                Api.Reply retried = Api.post("/orders", order, "Idempotency-Key", customer + "-0");
                assertEquals(201, retried.status(), "a retry of an accepted order is not refused: " + retried.body());
                assertEquals("true", retried.header("Idempotent-Replayed"));
                assertEquals(placed.get(0), retried.json().getString("id"));

                AppUser operator = TestStack.stack().settings().userInRole("operator");
                OrderForm.Submission screen = new OrderForm(operator.name(), operator.password())
                        .submit(customer, "WB-PEN-BLK", "1", "tok_sandbox");
                assertNull(screen.placedOrder(), screen.body());
                assertTrue(screen.body().contains("Waybill takes no new orders while it works off a backlog"),
                        screen.body());
                assertEquals(LIMIT + 1, ordersOf(customer), "the screen placed nothing either");
                assertEquals(refusedBefore + 2, value(scrapeWildFly(), "waybill_orders_refused_total", "reason", "queue"));

                broker.resumeQueue(ADDRESS, INVENTORY);
                // The same request again, once the steps have worked the backlog off: placed now, and only now.
                Api.Reply accepted = Eventually.await("the refused order accepted after the backlog drained",
                        Duration.ofSeconds(90), () -> Api.post("/orders", order, "Idempotency-Key", refusedKey),
                        reply -> reply.status() != 503);
                assertEquals(201, accepted.status(), accepted.body());
                assertEquals("", accepted.header("Idempotent-Replayed"), "placed for the first time");
                placed.add(accepted.json().getString("id"));
                assertEquals(LIMIT + 2, ordersOf(customer));
            } finally {
                SystemProperties.remove(MAX_BACKLOG);
            }
        } finally {
            broker.resumeQueue(ADDRESS, INVENTORY);
        }
        placed.forEach(id -> Orders.awaitStatus(id, "COMPLETED"));
    }

    private static long ordersOf(String customer) {
        return db().number("SELECT count(*) FROM orders WHERE customer_id = ?", customer);
    }
}

package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.waybill.it.TestStack.db;

/** While PostgreSQL is down requests get a clear 503; once it is back the system works again by itself. */
@ArquillianTest
class DatabaseOutageIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void requestsDuringADatabaseOutageGetA503AndTheSystemRecoversAlone() throws Exception {
        // This run's own customers: what is stored is checked against what each reply said, whatever the timing.
        String run = Long.toString(System.nanoTime(), 36);
        String during = "xena-" + run;
        String after = "yuri-" + run;
        List<Integer> duringReplies = new ArrayList<>();
        CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
            try {
                TestStack.stack().restartDatabase(Duration.ofSeconds(8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Probes start before PostgreSQL is down (those may be accepted), and go on until one meets the outage.
        Api.Reply refused = Eventually.await("a 503 while the database is down", Duration.ofSeconds(20),
                () -> place(during, duringReplies), r -> r.status() == 503);
        assertEquals("application/problem+json", refused.contentType());
        assertEquals(503, refused.json().getInt("status"));
        outage.get();

        String id = Eventually.await("orders accepted again", Duration.ofSeconds(60),
                () -> place(after, new ArrayList<>()), r -> r.status() == 201).json().getString("id");
        Orders.awaitStatus(id, "COMPLETED");
        assertEquals(duringReplies.stream().filter(status -> status == 201).count(),
                db().number("SELECT count(*) FROM orders WHERE customer_id = ?", during),
                "an order is stored only when its reply said so, never behind a 503: " + duringReplies);
        assertEquals(1, db().number("SELECT count(*) FROM orders WHERE customer_id = ?", after),
                "only the order accepted after the outage");
    }

    private static Api.Reply place(String customer, List<Integer> replies) {
        Api.Reply reply = Api.post("/orders", "{\"customerId\":\"" + customer
                + "\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}");
        replies.add(reply.status());
        return reply;
    }
}

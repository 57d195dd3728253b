package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
        long orders = db().number("SELECT count(*) FROM orders");
        CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
            try {
                TestStack.stack().restartDatabase(Duration.ofSeconds(8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Api.Reply during = Eventually.await("a 503 while the database is down", Duration.ofSeconds(8),
                () -> Api.post("/orders", "{\"customerId\":\"xena\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}"),
                r -> r.status() == 503);
        assertEquals("application/problem+json", during.contentType());
        assertEquals(503, during.json().getInt("status"));
        outage.get();

        String id = Eventually.await("orders accepted again", Duration.ofSeconds(60),
                () -> Api.post("/orders", "{\"customerId\":\"yuri\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}"),
                r -> r.status() == 201).json().getString("id");
        Orders.awaitStatus(id, "COMPLETED");
        assertEquals(orders + 1, db().number("SELECT count(*) FROM orders"), "only the order accepted after the outage");
    }
}

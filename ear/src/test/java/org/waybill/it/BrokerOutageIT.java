package org.waybill.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Orders keep being accepted while the broker is down; the outbox delivers them once it is back. */
@ArquillianTest
class BrokerOutageIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return OrderWorkflowIT.waybill();
    }

    @Test
    void orderPlacedWhileBrokerIsDownIsDeliveredOnceItIsBack() throws Exception {
        long reservedBefore = Orders.reserved("WB-NOTE-A5");
        var broker = TestStack.stack().broker();
        String id;
        broker.stop();
        try {
            Api.Reply created = Api.post("/orders", "{\"customerId\":\"erin\",\"lines\":[{\"sku\":\"WB-NOTE-A5\",\"quantity\":4}]}");
            assertEquals(201, created.status(), "accepted without a broker: " + created.body());
            id = created.json().getString("id");

            Thread.sleep(2_000); // the relay polls and fails meanwhile
            assertEquals("PLACED", Api.get("/orders/" + id).json().getString("status"));
            assertEquals(1, Db.number("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NULL", id),
                    "order.created waits in the outbox");
        } finally {
            broker.start();
        }

        JsonObject order = Orders.awaitStatus(id, "COMPLETED");
        assertEquals(Orders.HAPPY_PATH, Orders.timelineTypes(order));
        assertEquals(reservedBefore + 4, Orders.reserved("WB-NOTE-A5"), "stock held exactly once");
        assertEquals(0, Db.number("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NULL", id));
        assertEquals(1, Db.number("SELECT count(*) FROM inbox i JOIN event_history o ON o.event_id = i.event_id "
                + "WHERE o.aggregate_id = ? AND i.consumer = 'inventory'", id));
    }
}

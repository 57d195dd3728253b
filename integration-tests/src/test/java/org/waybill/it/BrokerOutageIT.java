package org.waybill.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.waybill.it.TestStack.db;

/**
 * Orders keep being accepted while the broker is down or crashing; the outbox delivers them once it is back, and the
 * workflow completes each exactly once.
 */
@ArquillianTest
class BrokerOutageIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
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
            assertEquals(1, db().number("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NULL", id),
                    "order.created waits in the outbox");
        } finally {
            broker.start();
        }

        JsonObject order = Orders.awaitStatus(id, "COMPLETED");
        assertEquals(Orders.HAPPY_PATH, Orders.timelineTypes(order));
        assertEquals(reservedBefore + 4, Orders.reserved("WB-NOTE-A5"), "stock held exactly once");
        Orders.awaitPublished(id); // order.completed, written with the status, follows it to the broker by a moment
        assertEquals(0, db().number("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NULL", id));
        assertEquals(1, db().number("SELECT count(*) FROM inbox i JOIN event_history o ON o.event_id = i.event_id "
                + "WHERE o.aggregate_id = ? AND i.consumer = 'inventory'", id));
    }

    @Test
    void ordersPlacedWhileTheBrokerCrashesUnderLoadAllComplete() throws Exception {
        var broker = TestStack.stack().broker();
        Set<String> placed = ConcurrentHashMap.newKeySet();
        AtomicBoolean placing = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            running.add(clients.submit(() -> {
                while (placing.get()) {
                    placed.add(Orders.place("frank", "tok_sandbox", "WB-PEN-BLK:1"));
                    Thread.sleep(150);
                }
                return null;
            }));
        }
        Thread.sleep(3_000);
        broker.kill(); // with sends, acknowledgements and commits in flight
        broker.start();
        long back = System.nanoTime();
        Thread.sleep(3_000);
        placing.set(false);
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        for (String id : placed) {
            Orders.awaitFinal(id);
            assertEquals("COMPLETED", Orders.get(id).getString("status"), id);
            assertEquals(1, db().number("SELECT count(*) FROM event_history WHERE aggregate_id = ? "
                    + "AND event_type = 'payment.charged'", id), "charged once: " + id);
        }
        System.out.printf("%d orders placed around a broker crash all completed %.1f s after the broker was back%n",
                placed.size(), (System.nanoTime() - back) / 1e9);
    }
}

package org.waybill.it;

import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * The paths an order takes through the workflow once placed: payment, shipping, notification, compensation, cancel,
 * an order's later event waiting while an earlier one is retried, concurrency, duplicates of every event type. The
 * build runs it twice: in the default at-least-once messaging mode and in XA mode (see the failsafe executions). How
 * orders get in and events get out is {@link OrderIntakeAndEventDeliveryIT}.
 */
@ArquillianTest
class WorkflowPathsIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @AfterEach
    void removeFaults() {
        WriteFaults.remove();
    }

    @Test
    void theServerIsHealthyInTheMessagingModeUnderTest() {
        Api.Reply health = Api.get("/health");
        assertEquals(200, health.status(), health.body());
        assertEquals(System.getProperty("waybill.it.messaging-mode", "at-least-once"),
                health.json().getString("messagingMode"));
        assertTrue(health.json().getBoolean("database") && health.json().getBoolean("broker"), health.body());
    }

    @Test
    void happyPathTakesStockPaymentShipmentAndSendsExactlyOneReceipt() throws Exception {
        long reservedBefore = Orders.reserved("WB-TEE-M");
        String id = Orders.place("frank", "tok_sandbox", "WB-TEE-M:2", "WB-CAP-01:1");

        JsonObject order = Orders.awaitStatus(id, "COMPLETED");

        assertEquals(Orders.HAPPY_PATH, Orders.timelineTypes(order));
        assertEquals(new BigDecimal("66.00"), order.getJsonNumber("total").bigDecimalValue());
        assertEquals(reservedBefore + 2, Orders.reserved("WB-TEE-M"), "stock stays held for the shipped order");
        assertEquals("CHARGED 66.00", db().text("SELECT status || ' ' || amount FROM payments WHERE order_id = ?::uuid", id));
        assertEquals("SCHEDULED Waybill Parcel", db().text(
                "SELECT status || ' ' || carrier FROM shipments WHERE order_id = ?::uuid AND tracking_number LIKE 'WB%'", id));
        List<MimeMessage> mails = TestStack.stack().mail().about(id);
        assertEquals(1, mails.size(), "exactly one receipt");
        assertEquals("frank@customers.waybill.test", mails.get(0).getAllRecipients()[0].toString());
        assertEquals("orders@waybill.test", mails.get(0).getFrom()[0].toString());
        String body = mails.get(0).getContent().toString();
        assertTrue(body.contains("Total: 66.00 EUR") && body.contains("tracking number WB"), body);
    }

    @Test
    void declinedPaymentReleasesTheStockAndCancelsTheOrder() throws Exception {
        long reservedBefore = Orders.reserved("WB-BOTTLE-01");
        String id = Orders.place("grace", "tok_declined", "WB-BOTTLE-01:3");

        JsonObject order = Orders.awaitStatus(id, "CANCELLED");

        assertEquals("payment declined: card declined", order.getString("statusReason"));
        assertEquals(List.of("order.created", "inventory.reserved", "payment.declined", "inventory.released",
                "order.cancelled"), Orders.timelineTypes(order));
        assertEquals(reservedBefore, Orders.reserved("WB-BOTTLE-01"), "stock restored");
        assertEquals("DECLINED", db().text("SELECT status FROM payments WHERE order_id = ?::uuid", id));
        assertEquals(0, TestStack.stack().mail().about(id).size());
    }

    @Test
    void aGatewayTimeoutIsRetriedAndTheOrderCompletesChargedOnce() throws Exception {
        String id = Orders.place("heidi", "tok_flaky", "WB-NOTE-A5:1");

        JsonObject order = Orders.awaitStatus(id, "COMPLETED");

        assertEquals(Orders.HAPPY_PATH, Orders.timelineTypes(order), "the retries left no trace but the delay");
        assertEquals(1, db().number("SELECT count(*) FROM event_history WHERE aggregate_id = ? AND event_type = 'payment.charged'", id));
        assertEquals(1, TestStack.stack().mail().about(id).size());
    }

    @Test
    void anImpossibleShipmentRefundsThePaymentAndReleasesTheStock() {
        long reservedBefore = Orders.reserved("WB-PEN-BLK");
        String id = Orders.place("ivan", "tok_sandbox", "WB-PEN-BLK:101");

        JsonObject order = Orders.awaitStatus(id, "CANCELLED");

        assertTrue(order.getString("statusReason").startsWith("shipment impossible: 101 units exceed"), order.toString());
        List<String> timeline = Orders.timelineTypes(order);
        assertTrue(timeline.containsAll(List.of("shipment.failed", "payment.refunded", "inventory.released", "order.cancelled")),
                timeline.toString());
        assertEquals("order.cancelled", timeline.get(timeline.size() - 1));
        assertEquals(reservedBefore, Orders.reserved("WB-PEN-BLK"), "stock restored");
        assertEquals("REFUNDED", db().text("SELECT status FROM payments WHERE order_id = ?::uuid", id));
    }

    @Test
    void aCancelMidFlightUndoesEveryStepItReached() throws Exception {
        long reservedBefore = Orders.reserved("WB-BAG-01");
        // Payment cannot record this customer's charge and retries until the cancel is in: it lands mid-flight.
        WriteFaults.failWrites("payments", "NEW.customer_id = 'judy' AND NEW.status = 'CHARGED'");
        String id = Orders.place("judy", "tok_sandbox", "WB-BAG-01:2");
        Orders.awaitStatus(id, "STOCK_RESERVED");
        Eventually.await("payment retrying", Duration.ofSeconds(30), WriteFaults::failures, n -> n >= 1);

        Api.Reply cancelled = Api.post("/orders/" + id + "/cancel", "{\"reason\":\"changed my mind\"}");
        assertEquals(202, cancelled.status(), cancelled.body());
        assertEquals("CANCELLING", cancelled.json().getString("status"));
        WriteFaults.heal();

        JsonObject order = Orders.awaitStatus(id, "CANCELLED");
        assertEquals("changed my mind", order.getString("statusReason"));
        assertEquals(reservedBefore, Orders.reserved("WB-BAG-01"), "stock restored");
        assertTrue(List.of("VOIDED", "REFUNDED").contains(db().text("SELECT status FROM payments WHERE order_id = ?::uuid", id)),
                "no money kept");
        assertEquals("CANCELLED", db().text("SELECT status FROM shipments WHERE order_id = ?::uuid", id));
        assertEquals(0, TestStack.stack().mail().about(id).size());
        assertEquals(409, Api.post("/orders/" + id + "/cancel", "{}").status(), "a cancelled order cannot be cancelled again");
    }

    /**
     * A step's state change and the event it writes are one transaction: while inventory's inventory.reserved cannot
     * be written (a trigger refuses it), its reservation is rolled back with it and order.created is redelivered;
     * once the outbox takes writes again the order completes with the stock reserved and the event written once.
     */
    @Test
    void aStepWhoseEventCannotBeWrittenKeepsNothingAndIsRedeliveredUntilItCan() {
        db().execute("INSERT INTO products (sku, name, unit_price, stock_on_hand) VALUES ('IT-OUTBOX-01', 'Outbox fault', 1.00, 5)");
        WriteFaults.failWrites("outbox", "NEW.event_type = 'inventory.reserved' AND NEW.payload::text LIKE '%IT-OUTBOX-01%'");
        String id = Orders.place("otto", "tok_sandbox", "IT-OUTBOX-01:2");
        Eventually.await("inventory's event refused on a redelivery", Duration.ofSeconds(30), WriteFaults::failures, n -> n >= 2);

        assertEquals("PLACED", Orders.get(id).getString("status"));
        assertEquals(0, Orders.reserved("IT-OUTBOX-01"), "the reservation went with the event that could not be written");
        assertEquals(0, db().number("SELECT count(*) FROM stock_reservations WHERE order_id = ?::uuid", id));
        assertEquals(0, db().number("SELECT count(*) FROM inbox i JOIN event_history e ON e.event_id = i.event_id "
                + "WHERE i.consumer = 'inventory' AND e.aggregate_id = ?", id), "order.created not consumed");

        WriteFaults.heal();
        JsonObject order = Orders.awaitStatus(id, "COMPLETED");
        assertEquals(Orders.HAPPY_PATH, Orders.timelineTypes(order), "each event once, in order");
        assertEquals(2, Orders.reserved("IT-OUTBOX-01"), "reserved once");
        assertEquals(1, db().number("SELECT count(*) FROM stock_reservations WHERE order_id = ?::uuid", id));
    }

    @Test
    void anOrdersLaterEventWaitsWhileAnEarlierOneIsRetried() {
        long reservedBefore = Orders.reserved("WB-TEE-L");
        // Payment cannot record this customer's charge: its attempts at inventory.reserved fail, the order is held
        // there until the cancel is in.
        WriteFaults.failWrites("payments", "NEW.customer_id = 'zoe' AND NEW.status = 'CHARGED'");
        String id = Orders.place("zoe", "tok_sandbox", "WB-TEE-L:1");
        Eventually.await("payment holding the order", Duration.ofSeconds(30),
                () -> db().number("SELECT count(*) FROM delivery_holds WHERE consumer = 'payment' AND aggregate_id = ?", id),
                n -> n == 1);

        assertEquals(202, Api.post("/orders/" + id + "/cancel", "{}").status());
        WriteFaults.heal();

        JsonObject order = Orders.awaitStatus(id, "CANCELLED");
        assertEquals("REFUNDED", db().text("SELECT status FROM payments WHERE order_id = ?::uuid", id),
                "the cancel waited for the retried charge, then refunded it (it would have voided it, overtaking)");
        List<String> timeline = Orders.timelineTypes(order);
        assertTrue(timeline.indexOf("payment.charged") < timeline.indexOf("payment.refunded"), timeline.toString());
        assertEquals(0, db().number("SELECT count(*) FROM delivery_holds WHERE aggregate_id = ?", id), "hold released");
        assertEquals(reservedBefore, Orders.reserved("WB-TEE-L"), "stock restored");
    }

    @Test
    void aShippedOrderCannotBeCancelledAndAnUnknownOneIsNotFound() {
        String id = Orders.place("kim", "tok_sandbox", "WB-NOTE-A5:1");
        Orders.awaitStatus(id, "COMPLETED");
        Api.Reply reply = Api.post("/orders/" + id + "/cancel", "{}");
        assertEquals(409, reply.status());
        assertEquals("application/problem+json", reply.contentType());
        assertEquals(404, Api.post("/orders/" + java.util.UUID.randomUUID() + "/cancel", "{}").status());
    }

    @Test
    void twoHundredConcurrentOrdersOnTwentySkusNeverOversellAndAllEnd() throws Exception {
        for (int i = 1; i <= 20; i++) {
            db().execute("INSERT INTO products (sku, name, unit_price, stock_on_hand) VALUES (?, ?, 1.00, 8)",
                    sku(i), "Stress item " + i);
        }
        Random random = new Random(7);
        List<String[]> orders = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            orders.add(random.nextBoolean()
                    ? new String[] {sku(1 + random.nextInt(20)) + ":" + (1 + random.nextInt(3))}
                    : new String[] {sku(1 + random.nextInt(20)) + ":" + (1 + random.nextInt(2)),
                                    sku(1 + random.nextInt(20)) + ":1"});
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<String>> placed = new ArrayList<>();
        for (String[] lines : orders) {
            placed.add(clients.submit(() -> Orders.place("load", "tok_sandbox", lines)));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : placed) {
            ids.add(f.get());
        }
        clients.shutdown();

        Map<String, Long> endings = ids.stream().map(Orders::awaitFinal)
                .collect(Collectors.groupingBy(o -> o.getString("status"), Collectors.counting()));
        assertEquals(200, endings.values().stream().mapToLong(Long::longValue).sum());
        assertTrue(endings.getOrDefault("COMPLETED", 0L) > 0 && endings.getOrDefault("CANCELLED", 0L) > 0, endings.toString());

        for (int i = 1; i <= 20; i++) {
            long reserved = db().number("SELECT stock_reserved FROM products WHERE sku = ?", sku(i));
            assertTrue(reserved <= 8, sku(i) + " oversold: " + reserved);
            assertEquals(reserved, db().number("""
                    SELECT coalesce(sum(r.quantity), 0) FROM stock_reservations r JOIN orders o ON o.id = r.order_id
                     WHERE r.sku = ? AND r.released_at IS NULL AND o.status = 'COMPLETED'""", sku(i)),
                    sku(i) + ": held stock is exactly what the completed orders took");
        }
        long completed = endings.getOrDefault("COMPLETED", 0L);
        assertEquals(completed, ids.stream().filter(id -> TestStack.stack().mail().about(id).size() == 1).count(), "one receipt per completed order");
    }

    @Test
    void aDuplicateOfEveryEventTypeHasNoEffect() throws Exception {
        String completed = Orders.place("leo", "tok_sandbox", "WB-MUG-01:1");
        String cancelled = Orders.place("mia", "tok_declined", "WB-MUG-01:1");
        String shippingFailed = Orders.place("ned", "tok_sandbox", "WB-PEN-BLK:120");
        String rejected = Orders.place("ola", "tok_sandbox", "WB-POSTER-01:1");
        WriteFaults.failWrites("payments", "NEW.customer_id = 'pia' AND NEW.status = 'CHARGED'"); // until cancelled
        String withdrawn = Orders.place("pia", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(withdrawn, "STOCK_RESERVED");
        assertEquals(202, Api.post("/orders/" + withdrawn + "/cancel", "{}").status());
        WriteFaults.heal();
        Orders.awaitStatus(completed, "COMPLETED");
        List.of(cancelled, shippingFailed, rejected, withdrawn).forEach(id -> Orders.awaitStatus(id, "CANCELLED"));
        Broker.awaitDrained();

        String everything = "SELECT (SELECT count(*) FROM event_history) || '/' || (SELECT count(*) FROM inbox) || '/' "
                + "|| (SELECT sum(stock_reserved) FROM products) || '/' || (SELECT count(*) FROM stock_reservations "
                + "WHERE released_at IS NULL) || '/' || (SELECT string_agg(status, ',' ORDER BY order_id) FROM payments) "
                + "|| '/' || (SELECT string_agg(status, ',' ORDER BY order_id) FROM shipments) || '/' "
                + "|| (SELECT string_agg(status || pending_compensations, ',' ORDER BY id) FROM orders)";
        String before = db().text(everything);
        int mailsBefore = TestStack.stack().mail().received().size();

        List<String> types = new ArrayList<>();
        for (String id : List.of(completed, cancelled, shippingFailed, rejected, withdrawn)) {
            types.addAll(EventCopies.resendAll(id));
        }
        Broker.awaitDrained();

        assertTrue(types.containsAll(List.of("order.created", "inventory.reserved", "inventory.rejected",
                "inventory.released", "payment.charged", "payment.declined", "payment.refunded", "shipment.scheduled",
                "shipment.failed", "shipment.cancelled", "notification.email-requested", "notification.sent",
                "order.completed", "order.cancellation-requested", "order.cancelled")), types.toString());
        assertEquals(before, db().text(everything), "no new event, inbox row, reservation, payment, shipment or status");
        assertEquals(mailsBefore, TestStack.stack().mail().received().size(), "no second e-mail");
    }

    private static String sku(int i) {
        return String.format("IT-STRESS-%02d", i);
    }

}

package org.waybill.it;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.waybill.drill.OrderEffects;
import org.waybill.load.Database;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The drills' audit of a test's own orders (those of the customers whose id starts with a prefix of the test's), as
 * the ITs of several nodes and of the broker pair assert it: nothing done twice, nothing taken out of order.
 */
final class OrderAudit {
    private OrderAudit() {
    }

    /**
     * One charge, one reservation and one receipt per order; each consumer took each order's events in outbox order.
     * {@code db} is the database the orders' node wrote; the receipts are in the test stack's SMTP sink.
     */
    static void assertEachOnceAndInOrder(Database db, String customers, List<String> ids) {
        OrderEffects effects = new OrderEffects(db, customers + "%");
        assertEquals(0, effects.twice("payment.charged"), "orders charged twice");
        assertEquals(0, effects.twice("inventory.reserved"), "orders reserved twice");
        assertEquals(0, effects.outOfOrder(), "events a consumer took before an earlier one of their order");
        assertEquals(ids.size(), db.number("SELECT count(*) FROM payments WHERE customer_id LIKE ? "
                + "AND status = 'CHARGED'", customers + "%"), "one charged payment per order");
        assertEquals(ids.size(), db.number("SELECT count(*) FROM stock_reservations r JOIN orders o "
                + "ON o.id = r.order_id WHERE o.customer_id LIKE ?", customers + "%"), "one reservation per order");
        List<MimeMessage> mail = TestStack.stack().mail().received();
        for (String id : ids) {
            assertEquals(1, mail.stream().filter(m -> header(m, "Subject").contains(id))
                    .map(m -> header(m, "Message-ID")).distinct().count(), "one receipt for " + id);
        }
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, ",");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

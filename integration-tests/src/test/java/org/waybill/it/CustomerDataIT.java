package org.waybill.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * What an order carries about its customer: an id the receipt can be sent to, checked when the order is placed; a
 * receipt that can never be sent still lets the order end; and the payment credential never travels in an event.
 */
@ArquillianTest
class CustomerDataIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @AfterEach
    void removeFaults() {
        WriteFaults.remove();
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe user", "<b>x</b>", "a@b@c", "alice@localhost", "a..b"})
    void aCustomerIdNoReceiptCouldBeSentToIsRefusedWhenTheOrderIsPlaced(String customerId) {
        long ordersBefore = db().number("SELECT count(*) FROM orders");
        Api.Reply refused = Api.post("/orders", "{\"customerId\":\"" + customerId.replace("\"", "\\\"")
                + "\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}");

        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("customerId"), refused.body());
        assertEquals(ordersBefore, db().number("SELECT count(*) FROM orders"), "no order placed");
    }

    /**
     * An order whose receipt can never be sent (here an order from before customer ids were checked: its id is
     * rewritten in the database while payment cannot record its charge) ends COMPLETED with the reason, at the first
     * attempt, instead of being retried into a dead-letter queue and staying SHIPMENT_SCHEDULED for ever.
     */
    @Test
    void aReceiptThatCanNeverBeSentEndsTheOrderWithTheReason() {
        // Held at payment until its customer id is rewritten, however slow the machine: the receipt comes after.
        WriteFaults.failWrites("payments", "NEW.customer_id = 'legacy' AND NEW.status = 'CHARGED'");
        String id = Orders.place("legacy", "tok_sandbox", "WB-MUG-01:1");
        Eventually.await("payment retrying", Duration.ofSeconds(30), WriteFaults::failures, n -> n >= 1);
        db().execute("UPDATE orders SET customer_id = 'probe user' WHERE id = ?::uuid", id);
        WriteFaults.heal();

        JsonObject order = Orders.awaitStatus(id, "COMPLETED");

        assertTrue(order.getString("statusReason").contains("receipt could not be sent to probe user@"),
                order.getString("statusReason"));
        assertEquals(List.of("order.created", "inventory.reserved", "payment.charged", "shipment.scheduled",
                "notification.email-requested", "notification.failed", "order.completed"), Orders.timelineTypes(order));
        assertEquals("FAILED", db().text("SELECT status FROM notifications WHERE order_id = ?::uuid", id));
        assertEquals(0, db().number("SELECT count(*) FROM delivery_holds WHERE aggregate_id = ?", id),
                "the e-mail worker never retried it");
    }

    @Test
    void thePaymentCredentialReachesPaymentButNoEvent() {
        String declined = Orders.place("heidi", "tok_declined", "WB-MUG-01:1");
        String charged = Orders.place("heidi", "tok_sandbox", "WB-MUG-01:1");

        assertEquals("payment declined: card declined", Orders.awaitStatus(declined, "CANCELLED").getString("statusReason"));
        Orders.awaitStatus(charged, "COMPLETED");
        Orders.awaitPublished(charged);

        // These orders' events only: MixedVersionsIT stores history as it was before V11, tokens included.
        assertEquals(0, db().number("SELECT count(*) FROM event_history WHERE aggregate_id IN (?, ?) "
                        + "AND payload::text LIKE '%tok\\_%'", declined, charged),
                "no stored event, published or not, carries a payment token");
        assertEquals(0, db().number("SELECT count(*) FROM payment_credentials WHERE order_id IN (?::uuid, ?::uuid)",
                declined, charged), "payment took the credentials out of holding");
    }
}

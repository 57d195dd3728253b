package org.waybill.drill;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.waybill.load.Database;
import org.waybill.load.Load;
import org.waybill.load.OrderClients;
import org.waybill.load.OwnStack;
import org.waybill.stack.LocalBroker;
import org.waybill.stack.LocalStack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What must hold after a drill, read from the database, the mail sink, the broker and the operators' dead-letter list:
 * every accepted order stored and ended, nothing done twice (charges, reservations, orders, receipts), the stock
 * ledger exact, no delivery hold left for an ended order, each order's events taken by every consumer in the order
 * the outbox wrote them, and no dead letter (on the broker active, with a pair) but the foreign messages an outside
 * client sent, each parked with its reason.
 */
final class DrillAudit {
    private final LocalStack stack;
    private final Database db;
    private final OrderEffects effects;

    DrillAudit(OwnStack own) {
        this.stack = own.stack();
        this.db = own.database();
        this.effects = new OrderEffects(db, "drill-%");
    }

    /** Waits until every drill order has ended and the outbox is empty; returns how long that took, or null. */
    Duration awaitAllEnded(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (db.number("SELECT count(*) FROM orders WHERE customer_id LIKE 'drill-%' "
                    + "AND status NOT IN ('COMPLETED', 'CANCELLED')") == 0
                    && db.number("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Load.sleep(500);
        }
        return null;
    }

    /**
     * Prints the audit; true if every check holds.
     *
     * @param foreign the outside client's foreign messages, or null if the drill sent none
     */
    boolean report(OrderClients clients, int ordered, ForeignPoison foreign) {
        Set<String> accepted = clients.accepted();
        long inDb = db.number("SELECT count(*) FROM orders WHERE customer_id LIKE 'drill-%'");
        long completed = db.number("SELECT count(*) FROM orders WHERE customer_id LIKE 'drill-%' AND status = 'COMPLETED'");
        long cancelled = db.number("SELECT count(*) FROM orders WHERE customer_id LIKE 'drill-%' AND status = 'CANCELLED'");
        long lost = accepted.stream().filter(id -> db.number("SELECT count(*) FROM orders WHERE id = '" + id + "'") == 0).count();
        long doubleOrders = db.number("SELECT count(*) FROM (SELECT customer_id FROM orders WHERE customer_id LIKE 'drill-%' "
                + "GROUP BY customer_id HAVING count(*) > 1) x");
        long doubleCharges = effects.twice("payment.charged");
        long doubleRefunds = effects.doubleRefunds();
        long doubleReservations = effects.twice("inventory.reserved");
        long ledgerErrors = db.number("SELECT count(*) FROM products p WHERE p.stock_reserved <> (SELECT coalesce(sum(r.quantity), 0) "
                + "FROM stock_reservations r WHERE r.sku = p.sku AND r.released_at IS NULL)");
        long heldForUnfinished = db.number("SELECT count(*) FROM stock_reservations r JOIN orders o ON o.id = r.order_id "
                + "WHERE r.released_at IS NULL AND o.status <> 'COMPLETED'");
        long notHeldForCompleted = db.number("SELECT count(*) FROM orders o WHERE o.customer_id LIKE 'drill-%' "
                + "AND o.status = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM stock_reservations r "
                + "WHERE r.order_id = o.id AND r.released_at IS NULL)");
        // E-mail is at least once: a crash between the SMTP hand-off and the commit resends the receipt with the same
        // Message-ID (mail clients that honour it show one). Counted both ways, for the drill's customers only (a
        // burst's warm-up mails its own).
        String drillRecipients = OrderClients.DRILL_CUSTOMERS + "-";
        List<MimeMessage> mail = stack.mail().received().stream()
                .filter(m -> String.valueOf(header(m, "To")).startsWith(drillRecipients)).toList();
        Map<String, Long> copiesBySubject = mail.stream().collect(Collectors.groupingBy(m -> header(m, "Subject"),
                Collectors.counting()));
        long resent = copiesBySubject.values().stream().filter(c -> c > 1).count();
        long receipts = mail.stream().map(m -> header(m, "Message-ID")).distinct().count();
        long completedWithoutReceipt = completed - copiesBySubject.size();
        // A hold ends with its event's success: once every order ended, none may be left but a foreign message's.
        Set<String> foreignOrders = foreign == null ? Set.of()
                : foreign.sent().stream().map(ForeignPoison.Sent::aggregateId).collect(Collectors.toSet());
        long drillHolds = db.number("SELECT count(*) FROM delivery_holds h JOIN orders o ON o.id::text = h.aggregate_id "
                + "WHERE o.customer_id LIKE 'drill-%'");
        long strayHolds = db.counts("SELECT aggregate_id, count(*) FROM delivery_holds h WHERE NOT EXISTS "
                + "(SELECT 1 FROM orders o WHERE o.id::text = h.aggregate_id) GROUP BY aggregate_id").keySet().stream()
                .filter(id -> !foreignOrders.contains(id)).count();
        long outOfOrder = effects.outOfOrder();
        LocalBroker broker = activeBroker();
        Map<String, Long> deadLetters = broker.console().queueCounters("MessageCount").entrySet().stream()
                .filter(e -> e.getKey().startsWith("DLQ.") && e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long parked = deadLetters.values().stream().mapToLong(Long::longValue).sum();
        long foreignInDlq = foreign == null ? 0 : foreign.sent().stream().map(ForeignPoison.Sent::parkedFrom).distinct()
                .flatMap(q -> foreign.letters(q).stream()).filter(l -> foreignOrders.contains(l.getString("aggregateId", "")))
                .count();
        long foreignNeverParked = foreign == null ? 0 : foreign.sent().stream().filter(f -> foreign.reason(f) == null).count();

        System.out.printf("""
                  orders placed by the clients    %d (accepted 201: %d, refused for good: %d, refusals retried: %d, of them answered 500: %d)
                  orders in the database          %d (placed twice: %d)
                  COMPLETED / CANCELLED           %d / %d (not ended: %d)
                  lost (accepted, not stored)     %d
                  double charges / refunds        %d / %d
                  double reservations             %d
                  stock ledger errors             %d (held for orders not completed: %d, completed without stock held: %d)
                  receipts                        %d distinct Message-IDs for %d completed orders (without one: %d; resent with the same Message-ID: %d)
                  delivery holds left             %d of drill orders, %d of no order (besides the foreign messages')
                  events out of outbox order      %d (a consumer took an order's event before an earlier one)
                  dead letters                    %d %s: Waybill's own %d, foreign %d%s
                """, ordered, accepted.size(), clients.rejected(), clients.refusals(), clients.serverFaults(), inDb,
                doubleOrders,
                completed, cancelled, inDb - completed - cancelled, lost, doubleCharges, doubleRefunds, doubleReservations,
                ledgerErrors, heldForUnfinished, notHeldForCompleted, receipts, completed, completedWithoutReceipt, resent,
                drillHolds, strayHolds, outOfOrder, parked, deadLetters, parked - foreignInDlq, foreignInDlq,
                !stack.settings().brokerPair() ? "" : broker == stack.broker() ? " (on the primary, active)"
                        : " (on the backup, active)");
        if (foreign != null) {
            System.out.println("  foreign messages from an outside client, each seen parked with its reason:");
            foreign.sent().forEach(f -> System.out.printf("    %-40s -> %-38s DLQ.%s: %s%n", f.kind(), f.sentTo(),
                    f.parkedFrom(), foreign.reason(f) == null ? "NEVER PARKED" : abbreviate(foreign.reason(f))));
        }
        return accepted.size() == ordered && clients.rejected() == 0 && clients.serverFaults() == 0 && inDb == ordered
                && doubleOrders == 0
                && lost == 0 && completed + cancelled == inDb && doubleCharges == 0 && doubleRefunds == 0
                && doubleReservations == 0 && ledgerErrors == 0 && heldForUnfinished == 0 && notHeldForCompleted == 0
                && completedWithoutReceipt == 0 && receipts == completed && drillHolds == 0 && strayHolds == 0
                && outOfOrder == 0 && parked == foreignInDlq && foreignNeverParked == 0;
    }

    /** The broker whose queues hold the messages: the only one, or whichever of a pair is active now. */
    private LocalBroker activeBroker() {
        return !stack.settings().brokerPair() || stack.broker().isActive() ? stack.broker() : stack.brokerBackup();
    }

    private static String abbreviate(String reason) {
        return reason.length() > 200 ? reason.substring(0, 200) + "..." : reason;
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, ",");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.waybill.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventType;
import org.waybill.platform.SqlValues;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps one order's events in sequence at each consumer, by construction: an event runs only once every earlier
 * event of its order that this consumer takes (same destination, a type its subscription handles, a smaller
 * sequence, as the outbox recorded them) is in this consumer's inbox. The check reads, in the step's own
 * transaction, what that transaction would write anyway; no separate write keeps the order, so a failure that
 * leaves nothing behind (the database down, a hold that cannot be written) cannot let a later event overtake.
 * <p>
 * An event counts as done at a consumer once its inbox row exists: processed, or discarded by an operator; or once
 * it is older than the inbox's retention ({@code waybill.retention.inbox}), after which its row may be purged.
 */
@ApplicationScoped
public class DeliveryOrder {
    /**
     * The order check, and the inbox row of a step that may run, in one statement: the earliest earlier event not yet
     * done here, if any; whether the event was recorded in the consumer's inbox now (only when none waits and the
     * caller asks for it; false for an event the inbox had already); and whether the order has a delivery hold at this
     * consumer. Always one row. Recording here spares every delivery a round trip of its own for the inbox row, as the
     * hold riding along spares the usual step, with none, one for releasing it. Both tables are read by their indexes
     * on (aggregate_id, id); the inbox and the holds by their keys. Parameters: aggregate, aggregate and sequence, the
     * event itself, destination, the types (an array), horizon, consumer; then consumer, event and whether to record;
     * then consumer and aggregate.
     * <p>
     * The sequence bound is a row comparison on (aggregate_id, id), which only those indexes can use: as a bound on
     * the id alone it let the outbox's primary key serve it, and once a burst had left the outbox's indexes large and
     * its statistics counting a few rows, the generic plan walked that key through every waiting row of every order
     * (DeliveryOrderCheckIT, which is why this is public).
     */
    public static final String CHECK = """
            WITH earlier AS (
                 SELECT e.id, e.event_id, e.event_type FROM event_history e
                  WHERE e.aggregate_id = ?
                    AND (e.aggregate_id, e.id) < (?, ?)
                    AND e.event_id <> ?
                    AND e.destination = ?
                    AND e.event_type = ANY (?)
                    AND e.occurred_at > ?
                    AND NOT EXISTS (SELECT 1 FROM inbox i WHERE i.consumer = ? AND i.event_id = e.event_id)
                  ORDER BY e.id
                  LIMIT 1),
                 recorded AS (
                 INSERT INTO inbox (consumer, event_id, processed_at)
                 SELECT CAST(? AS varchar), CAST(? AS uuid), now()
                  WHERE CAST(? AS boolean) AND NOT EXISTS (SELECT 1 FROM earlier)
                 ON CONFLICT DO NOTHING
                 RETURNING 1)
            SELECT w.id, w.event_id, w.event_type,
                   EXISTS (SELECT 1 FROM delivery_holds h WHERE h.consumer = ? AND h.aggregate_id = ?) AS held,
                   EXISTS (SELECT 1 FROM recorded) AS recorded
              FROM (SELECT 1) AS one
              LEFT JOIN earlier AS w ON true""";

    /**
     * What the order check found for a step that may run.
     *
     * @param recorded whether this delivery recorded the event in the consumer's inbox: its first; false for a
     *                 duplicate
     * @param held     whether the order has a delivery hold at this consumer: only then does the step's success have
     *                 one to release ({@link DeliveryHolds#release})
     */
    public record Checked(boolean recorded, boolean held) {
    }

    @PersistenceContext
    EntityManager em;

    /** As RetentionPurge reads it: zero keeps the inbox for ever. */
    @Inject
    @ConfigProperty(name = "waybill.retention.inbox", defaultValue = "P30D")
    Duration inboxRetention;

    /**
     * Checks the step's order and records the event in the consumer's inbox if it may run, in the step's transaction:
     * a rollback takes the row back with the step's work.
     *
     * @throws WaitingForEarlierEventException if an earlier event of the order is not done at this consumer yet: this
     *                                         one records nothing, rolls back and is redelivered after its backoff
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Checked awaitEarlierAndRecord(Subscription.Step<?> step) {
        return check(step, step.sequence(), true);
    }

    /**
     * For a message sent from outside the relay (not ordered) that the consumer refuses: it waits while any event of
     * its order is on its way to this consumer and not done here (among them the order.created it needs first). An
     * event of the order that stays undone (parked in a dead-letter queue) keeps it waiting until the broker
     * dead-letters it too, after its attempts: visible, never dropped. Records nothing.
     *
     * @throws WaitingForEarlierEventException if any event of the order is not done at this consumer yet
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void awaitUndone(Subscription.Step<?> step) {
        check(step, Long.MAX_VALUE, false);
    }

    /**
     * In plain JDBC on the connection Hibernate holds for the transaction: as a native query, Hibernate parsed the
     * statement, expanded the types and read the result's metadata again on every delivery, four fifths of the
     * check's CPU (README, Benchmark).
     */
    private Checked check(Subscription.Step<?> step, long sequence, boolean record) {
        return em.unwrap(Session.class).doReturningWork(connection -> check(connection, step, sequence, record));
    }

    private Checked check(Connection connection, Subscription.Step<?> step, long sequence, boolean record)
            throws SQLException {
        EventEnvelope event = step.event();
        try (PreparedStatement check = connection.prepareStatement(CHECK)) {
            check.setString(1, event.aggregateId());
            check.setString(2, event.aggregateId());
            check.setLong(3, sequence);
            check.setObject(4, event.eventId());
            check.setString(5, step.subscription().address());
            check.setArray(6, connection.createArrayOf("varchar",
                    step.subscription().eventTypes().stream().map(EventType::name).distinct().toArray()));
            check.setObject(7, SqlValues.timestamptz(horizon()));
            check.setString(8, step.consumer());
            check.setString(9, step.consumer());
            check.setObject(10, event.eventId());
            check.setBoolean(11, record);
            check.setString(12, step.consumer());
            check.setString(13, event.aggregateId());
            try (ResultSet found = check.executeQuery()) {
                found.next();
                UUID earlier = found.getObject(2, UUID.class);
                if (earlier != null) {
                    throw new WaitingForEarlierEventException(step.consumer() + " holds " + event.type() + " "
                            + event.eventId() + " of order " + event.aggregateId() + " until the earlier "
                            + found.getString(3) + " " + earlier + " is done", earlier, found.getLong(1));
                }
                return new Checked(found.getBoolean(5), found.getBoolean(4));
            }
        }
    }

    private Instant horizon() {
        return inboxRetention.isZero() || inboxRetention.isNegative() ? Instant.EPOCH : Instant.now().minus(inboxRetention);
    }
}

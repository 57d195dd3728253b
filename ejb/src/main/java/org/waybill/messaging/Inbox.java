package org.waybill.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.UUID;

/**
 * Idempotent consumers: records in the consumer's own transaction that it processed an event. A redelivered or
 * duplicated message finds the row and has no second effect; a rolled-back attempt leaves no row and is retried.
 */
@ApplicationScoped
public class Inbox {
    /** The inbox row, unless the consumer has it already. */
    private static final String RECORD = "INSERT INTO inbox (consumer, event_id, processed_at) VALUES (?, ?, now()) "
            + "ON CONFLICT DO NOTHING";

    private static final String FORGET = "DELETE FROM inbox WHERE consumer = ? AND event_id = ?";

    @PersistenceContext
    EntityManager em;

    /**
     * For a step outside the order's sequence; a step in sequence is recorded by its order check
     * ({@link DeliveryOrder#awaitEarlierAndRecord}).
     *
     * @return whether this is the consumer's first delivery of the event (recorded now); false for a duplicate
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        return rowsChanged(RECORD, consumer, eventId) == 1;
    }

    /**
     * Takes back the row this transaction recorded for an event the consumer then refused: a refused event is parked,
     * not done, and a copy of it replayed later must run.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String consumer, UUID eventId) {
        rowsChanged(FORGET, consumer, eventId);
    }

    /**
     * The event counts as done at this consumer without being processed: an operator discarded it, or its message was
     * lost. The order's later events go on there ({@link DeliveryOrder}), and a copy of it has no effect. Other
     * consumers are not concerned.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void skip(String consumer, UUID eventId) {
        rowsChanged(RECORD, consumer, eventId);
    }

    /**
     * In plain JDBC on the connection Hibernate holds for the transaction, as {@link DeliveryOrder}'s check: where a
     * native query costs Hibernate more than the statement costs the driver.
     */
    private int rowsChanged(String statement, String consumer, UUID eventId) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement change = connection.prepareStatement(statement)) {
                change.setString(1, consumer);
                change.setObject(2, eventId);
                return change.executeUpdate();
            }
        });
    }
}

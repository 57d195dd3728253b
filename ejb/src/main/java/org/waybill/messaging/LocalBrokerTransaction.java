package org.waybill.messaging;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;

/**
 * Work with the broker in a local broker transaction, on a session of a pooled factory that allows them (the relay's
 * factory, server-config/wildfly/configure-messaging.cli). Every durable message Waybill sends outside a JTA
 * transaction goes this way, because the broker syncs its journal only for transactions: it acknowledges a send
 * made outside one before its disk has it (broker.xml, {@code journal-sync-non-transactional}).
 */
public final class LocalBrokerTransaction {
    private LocalBrokerTransaction() {
    }

    /** What runs in the transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T in(Session session) throws JMSException;
    }

    /** Runs the work in a new transacted session of the factory and commits it. */
    public static <T> T run(ConnectionFactory factory, Work<T> work) throws JMSException {
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            connection.start();
            return commit(session, work);
        }
    }

    /**
     * Runs the work in the transacted session and commits it; the session stays open for the next. A failure rolls
     * the session back: closing does not roll back a pooled session, and its next user's commit would commit this work.
     */
    public static <T> T commit(Session session, Work<T> work) throws JMSException {
        try {
            T result = work.in(session);
            session.commit();
            return result;
        } catch (JMSException | RuntimeException e) {
            rollBack(session, e);
            throw e;
        }
    }

    /**
     * {@link #run}, for work that sends one message with a duplicate-detection id, repeated by the caller until it
     * succeeds: a refusal as a duplicate means an earlier attempt, whose answer was lost, got it to the broker.
     */
    public static void runOnce(ConnectionFactory factory, Work<?> work) throws JMSException {
        try {
            run(factory, work);
        } catch (JMSException e) {
            if (!refusedAsDuplicate(e)) {
                throw e;
            }
        }
    }

    /** {@link #commit}, with what {@link #runOnce} says of a duplicate. */
    public static void commitOnce(Session session, Work<?> work) throws JMSException {
        try {
            commit(session, work);
        } catch (JMSException e) {
            if (!refusedAsDuplicate(e)) {
                throw e;
            }
        }
    }

    /** Rolls the session back after the failure, which carries a failed rollback along. */
    public static void rollBack(Session session, Exception failure) {
        try {
            session.rollback();
        } catch (JMSException | JMSRuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The broker refused to commit because the transaction sent a message whose duplicate-detection id it has seen:
     * it has that message already. It rolls back the whole transaction then, the other messages of it too.
     */
    static boolean refusedAsDuplicate(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ActiveMQException artemis && artemis.getType() == ActiveMQExceptionType.DUPLICATE_ID_REJECTED) {
                return true;
            }
        }
        return false;
    }
}

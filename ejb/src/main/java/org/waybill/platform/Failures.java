package org.waybill.platform;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Predicate;

/** What a failure means for the one who reports it: whether it passes by itself, and its most telling message. */
public final class Failures {
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** PostgreSQL ends or refuses sessions while it shuts down (admin_shutdown, crash_shutdown) or starts up. */
    private static final Set<String> SERVER_RESTARTING = Set.of("57P01", "57P02", "57P03");
    /** What WildFly throws at a call into an EJB it has stopped: WFLYEE0043, "Component is stopped". */
    private static final String COMPONENT_STOPPED = "org.jboss.as.ee.component.ComponentIsStoppedException";

    private Failures() {
    }

    /**
     * A connection to the database that could not be opened or broke: SQL state class 08, or 57P01 to 57P03 (the
     * server ended the session because it shuts down, or refuses it while starting: a restart), or the connection pool
     * giving up below a JDBC call (the broker's resource adapter reports its own failures as resource exceptions too,
     * but never below an SQLException).
     */
    public static boolean databaseUnreachable(Throwable e) {
        boolean jdbc = false;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || SERVER_RESTARTING.contains(state))) {
                    return true;
                }
                jdbc = true;
            }
            if (jdbc && (t instanceof jakarta.resource.ResourceException || t instanceof ConnectException)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A statement gave up waiting for a row lock after the session's {@code lock_timeout} (SQL state 55P03): another
     * transaction holds the row, possibly one prepared in a two-phase commit that recovery has not resolved yet
     * (PostgreSQL keeps a prepared transaction's locks until it is committed or rolled back). It passes once the holder
     * ends; trying again later is the answer.
     */
    public static boolean lockTimedOut(Throwable e) {
        return hasCause(e, t -> t instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState()));
    }

    /** Expected and passing by itself (a service away, an earlier event still retried): worth a line, not a trace. */
    public static boolean isTransient(Throwable e) {
        return retryLater(e) != null || databaseUnreachable(e) || lockTimedOut(e) || brokerFailed(e)
                || applicationStopping(e);
    }

    /**
     * A call met an EJB that WildFly had already stopped: the application is being undeployed or the server stops,
     * and WildFly stops the beans a message delivery or a request calls in no order it could be told. The work is
     * done again after the next start (a delivery's message is redelivered), so it passes by itself.
     */
    public static boolean applicationStopping(Throwable e) {
        return hasCause(e, t -> t.getClass().getName().equals(COMPONENT_STOPPED));
    }

    /**
     * The broker refused a transaction because a message's duplicate-detection id is one it has stored: an earlier
     * attempt got the message there (its answer lost with a connection, or its mark with a crash).
     */
    public static boolean refusedAsDuplicate(Throwable failure) {
        return hasCause(failure, t -> t instanceof ActiveMQException artemis
                && artemis.getType() == ActiveMQExceptionType.DUPLICATE_ID_REJECTED);
    }

    /** The broker refused or could not be reached (JMS reports both alike). */
    private static boolean brokerFailed(Throwable e) {
        return hasCause(e, t -> t instanceof jakarta.jms.JMSException || t instanceof jakarta.jms.JMSRuntimeException);
    }

    /** Whether the failure itself or one of its causes is one the test accepts. */
    public static boolean hasCause(Throwable e, Predicate<Throwable> test) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /** The message that says what went wrong: the retry reason if there is one, else the innermost cause's. */
    public static String message(Throwable e) {
        RetryLaterException retry = retryLater(e);
        if (retry != null) {
            return retry.getMessage();
        }
        String root = rootMessage(e);
        return databaseUnreachable(e) ? "database unreachable: " + root
                : lockTimedOut(e) ? "row lock not granted in time: " + root
                : applicationStopping(e) ? "the application is stopping: " + root
                : brokerFailed(e) ? "broker: " + root : root;
    }

    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static RetryLaterException retryLater(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof RetryLaterException retry) {
                return retry;
            }
        }
        return null;
    }
}

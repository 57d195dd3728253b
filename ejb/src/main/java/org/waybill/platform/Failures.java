package org.waybill.platform;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** What a failure means for the one who reports it: whether it passes by itself, and its most telling message. */
public final class Failures {
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** PostgreSQL ends or refuses sessions while it shuts down (admin_shutdown, crash_shutdown) or starts up. */
    private static final Set<String> SERVER_RESTARTING = Set.of("57P01", "57P02", "57P03");
    /** What WildFly throws at a call into an EJB it has stopped: WFLYEE0043, "Component is stopped". */
    private static final String COMPONENT_STOPPED = "org.jboss.as.ee.component.ComponentIsStoppedException";
    /**
     * IronJacamar's answer to a statement on a handle whose physical connection the pool destroyed under it: the
     * at-least-once mode's local pool flushes every connection, in use or not, once one of them broke
     * ({@code flush-strategy EntirePool}; the XA pool was not seen to).
     * It has no SQL state. A handle the application closed answers IJ031041 instead.
     */
    private static final String POOL_TOOK_CONNECTION = "IJ031040:";

    private Failures() {
    }

    /**
     * A connection to the database that could not be opened or broke: SQL state class 08, or 57P01 to 57P03 (the
     * server ended the session because it shuts down, or refuses it while starting: a restart), or the connection pool
     * giving up below a JDBC call (the broker's resource adapter reports its own failures as resource exceptions too,
     * but never below an SQLException), or the pool destroying the connection a statement was on
     * ({@link #POOL_TOOK_CONNECTION}). Also when the connection broke at the commit: the transaction manager then
     * throws a failure of its own and carries the resource's as a suppressed one ({@link #isCommitFailure}).
     */
    public static boolean databaseUnreachable(Throwable e) {
        return chains(e).anyMatch(Failures::unreachableInChain);
    }

    private static boolean unreachableInChain(List<Throwable> chain) {
        boolean jdbc = false;
        for (Throwable t : chain) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || SERVER_RESTARTING.contains(state))) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().startsWith(POOL_TOOK_CONNECTION)) {
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
     * The database was lost while the transaction committed, so whether the commit took effect is not known: the
     * connection can break after PostgreSQL wrote the commit and before its answer arrived. The transaction manager
     * then reports a failure of its own, with the resource's below it: a rollback (a local-transaction pool) or a
     * heuristic outcome (an XA pool's one-phase commit, whose resource failed). A retry must be one that finds what
     * the first attempt stored (the same {@code Idempotency-Key}), not a blind repeat.
     */
    public static boolean databaseLostAtCommit(Throwable e) {
        return hasCause(e, t -> isCommitFailure(t) && databaseUnreachable(t));
    }

    /**
     * What the transaction manager throws when a commit failed: a rollback, or a heuristic outcome. It carries the
     * resources' own failures as suppressed ones, so only below these are suppressed failures read as causes. Not
     * below any other: try-with-resources hangs a failed {@code close()} on whatever failed first, and a bug must not
     * pass for a broker or a database away because closing its connection failed too.
     */
    private static boolean isCommitFailure(Throwable t) {
        return t instanceof RollbackException || t instanceof HeuristicMixedException
                || t instanceof HeuristicRollbackException;
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

    /**
     * Whether the failure itself or one of its causes is one the test accepts; the failures a failed commit suppressed
     * count as its causes ({@link #isCommitFailure}).
     */
    public static boolean hasCause(Throwable e, Predicate<Throwable> test) {
        return chains(e).flatMap(List::stream).anyMatch(test);
    }

    /**
     * The failure's chain of causes, then the chain of each failure a failed commit among them suppressed, depth
     * first; a failure met twice (a cycle) ends its chain.
     */
    private static Stream<List<Throwable>> chains(Throwable e) {
        List<List<Throwable>> chains = new ArrayList<>();
        addChains(e, chains, Collections.newSetFromMap(new IdentityHashMap<>()));
        return chains.stream();
    }

    private static void addChains(Throwable e, List<List<Throwable>> chains, Set<Throwable> seen) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        chains.add(chain);
        for (Throwable t : chain) {
            if (isCommitFailure(t)) {
                for (Throwable suppressed : t.getSuppressed()) {
                    addChains(suppressed, chains, seen);
                }
            }
        }
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

    /**
     * The innermost cause's message. A chain that ends in a failed commit (the transaction manager's "could not
     * commit") goes on into the first failure it suppressed, where the resource said what happened.
     */
    public static String rootMessage(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = e;
        seen.add(root);
        while (true) {
            Throwable next = root.getCause() != null ? root.getCause()
                    : isCommitFailure(root) && root.getSuppressed().length > 0 ? root.getSuppressed()[0] : null;
            if (next == null || !seen.add(next)) {
                break;
            }
            root = next;
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static RetryLaterException retryLater(Throwable e) {
        return chains(e).flatMap(List::stream).filter(RetryLaterException.class::isInstance)
                .map(RetryLaterException.class::cast).findFirst().orElse(null);
    }
}

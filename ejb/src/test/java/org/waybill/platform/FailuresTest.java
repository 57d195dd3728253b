package org.waybill.platform;

import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.jms.JMSException;
import jakarta.persistence.PessimisticLockException;
import jakarta.resource.ResourceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.ActiveMQTransactionRolledBackException;
import org.jboss.as.ee.component.ComponentIsStoppedException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import javax.transaction.xa.XAException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {
    /** How a step or a request sees PostgreSQL's lock_timeout: the SQL state deep in the container's wrapping. */
    private static RuntimeException wrapped(String sqlState) {
        SQLException sql = new SQLException("ERROR: canceling statement due to lock timeout", sqlState);
        return new EJBTransactionRolledbackException("rolled back", new PessimisticLockException("could not lock", sql));
    }

    @Test
    void aLockWaitThatTimedOutPassesByItself() {
        assertTrue(Failures.lockTimedOut(wrapped("55P03")));
        assertTrue(Failures.isTransient(wrapped("55P03")));
        assertTrue(Failures.message(wrapped("55P03")).startsWith("row lock not granted in time: "));
    }

    /** A restart of PostgreSQL ends sessions with "terminating connection due to administrator command" (57P01). */
    @Test
    void aDatabaseShuttingDownOrStartingIsUnreachableNotOurFault() {
        for (String state : new String[] {"08006", "57P01", "57P02", "57P03"}) {
            assertTrue(Failures.databaseUnreachable(wrapped(state)), state);
            assertTrue(Failures.isTransient(wrapped(state)), state);
        }
        assertFalse(Failures.databaseUnreachable(wrapped("57014")), "a cancelled statement is not a lost database");
    }

    /**
     * A request's connection that the pool destroyed under it (fault drill of 2026-12-06, PostgreSQL's restart): the
     * pool flushes every connection once one broke, and the handle in use then answers IJ031040, with no SQL state.
     */
    @Test
    void aConnectionThePoolTookAwayMidRequestIsTheDatabaseAway() {
        SQLException takenAway = new SQLException("IJ031040: Connection is not associated with a managed connection: "
                + "org.jboss.jca.adapters.jdbc.jdk8.WrappedConnectionJDK8@62802d14");
        RuntimeException failure = new EJBTransactionRolledbackException("rolled back",
                new jakarta.persistence.PersistenceException("JDBC exception executing SQL", takenAway));
        assertTrue(Failures.databaseUnreachable(failure));
        assertTrue(Failures.isTransient(failure));
        assertFalse(Failures.databaseUnreachable(new SQLException("IJ031041: Connection handle has been closed and is "
                + "unusable")), "a handle we closed ourselves is a bug, not a database away");
    }

    /**
     * How a commit that met PostgreSQL's restart reaches a step or a request (fault drill of 2026-12-06): the
     * transaction manager's own ARJUNA016053 with the pool's IJ001156, and PostgreSQL's reason below it, suppressed.
     */
    private static RuntimeException lostAtCommit(SQLException reason) {
        return lostAtCommit(new RollbackException("ARJUNA016053: Could not commit transaction."),
                XAException.XA_RBROLLBACK, reason);
    }

    private static RuntimeException lostAtCommit(Exception commitFailure, int xaError, SQLException reason) {
        XAException resource = new XAException("IJ001156: Could not commit local transaction");
        resource.errorCode = xaError;
        resource.initCause(new ResourceException("SQLException", reason));
        commitFailure.addSuppressed(resource);
        return new EJBTransactionRolledbackException(commitFailure.getMessage(), commitFailure);
    }

    private static SQLException shutdown() {
        return new SQLException("FATAL: terminating connection due to administrator command", "57P01");
    }

    @Test
    void aDatabaseLostAtTheCommitIsUnreachableAndLeavesTheOutcomeOpen() {
        RuntimeException lost = lostAtCommit(shutdown());
        assertTrue(Failures.databaseUnreachable(lost));
        assertTrue(Failures.isTransient(lost));
        assertTrue(Failures.databaseLostAtCommit(lost));
        assertEquals("database unreachable: FATAL: terminating connection due to administrator command",
                Failures.message(lost));
        assertFalse(Failures.databaseLostAtCommit(wrapped("57P01")), "lost before the commit: nothing was stored");
    }

    /** The XA pool's one-phase commit: the driver's XAER_RMFAIL, which the transaction manager calls a hazard. */
    @Test
    void aHeuristicOutcomeOfALostCommitLeavesItOpenToo() {
        RuntimeException hazard = lostAtCommit(new HeuristicMixedException(), XAException.XAER_RMFAIL, shutdown());
        assertTrue(Failures.databaseUnreachable(hazard));
        assertTrue(Failures.databaseLostAtCommit(hazard));
    }

    @Test
    void aCommitRefusedForAnotherReasonIsNeitherUnreachableNorTransient() {
        RuntimeException refused = lostAtCommit(new SQLException("ERROR: duplicate key value", "23505"));
        assertFalse(Failures.databaseUnreachable(refused));
        assertFalse(Failures.isTransient(refused));
        assertFalse(Failures.databaseLostAtCommit(refused));
        assertEquals("ERROR: duplicate key value", Failures.message(refused));
    }

    @Test
    void aCycleThroughSuppressedFailuresEnds() {
        RollbackException outer = new RollbackException("outer");
        IllegalStateException inner = new IllegalStateException("inner", outer);
        outer.addSuppressed(inner);
        assertFalse(Failures.isTransient(outer));
        assertEquals("inner", Failures.rootMessage(outer));
    }

    /** try-with-resources hangs a failed close() on the first failure: that one still decides, with its trace. */
    @Test
    void aFailedCloseBesideABugDoesNotMakeItPassByItself() {
        NullPointerException bug = new NullPointerException("a bug");
        bug.addSuppressed(new JMSException("closing the session failed"));
        bug.addSuppressed(new SQLException("closing the connection failed", "08006"));
        assertFalse(Failures.isTransient(bug));
        assertFalse(Failures.databaseUnreachable(bug));
        assertEquals("a bug", Failures.message(bug));
    }

    /** A message delivery that ends while WildFly undeploys the application, as in CI's run of e82a850. */
    @Test
    void aCallIntoABeanWildFlyHasStoppedPassesByItself() {
        RuntimeException stopped = new EJBTransactionRolledbackException("rolled back",
                new ComponentIsStoppedException("WFLYEE0043: Component is stopped"));
        assertTrue(Failures.isTransient(stopped));
        assertEquals("the application is stopping: WFLYEE0043: Component is stopped", Failures.message(stopped));
        assertFalse(Failures.applicationStopping(new IllegalStateException("WFLYEE0043 quoted by something else")));
    }

    @Test
    void otherDatabaseErrorsAreNotLockTimeouts() {
        assertFalse(Failures.lockTimedOut(wrapped("23505")));
        assertFalse(Failures.isTransient(wrapped("23505")));
        assertFalse(Failures.lockTimedOut(new IllegalStateException("no SQL below")));
    }

    @Test
    void onlyTheBrokersOwnDuplicateRefusalCountsAsOne() {
        JMSException rolledBack = new JMSException("rolled back");
        rolledBack.initCause(new ActiveMQTransactionRolledBackException("Duplicate message detected, says the text"));
        assertFalse(Failures.refusedAsDuplicate(rolledBack));
        assertFalse(Failures.refusedAsDuplicate(new JMSException("Duplicate message detected")));
        assertTrue(Failures.refusedAsDuplicate(new IllegalStateException(
                new JMSException("wrapped", null).initCause(new ActiveMQDuplicateIdException()))));
    }
}

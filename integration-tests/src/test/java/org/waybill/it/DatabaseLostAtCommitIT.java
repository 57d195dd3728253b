package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.ServerLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * A request whose commit the database breaks off, in both messaging modes: the local-transaction pool reports a
 * rollback (ARJUNA016053 with the pool's IJ001156 suppressed below it), the XA pool's one-phase commit a heuristic
 * hazard (the driver's XAER_RMFAIL). Either way the client is told the truth: a 503, and that it may have been stored.
 * The database's answer is injected; the connection itself stays open.
 */
@ArquillianTest
class DatabaseLostAtCommitIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    /**
     * The database breaks off while the order's transaction commits: a constraint trigger deferred to the commit fails
     * it with the state PostgreSQL gives a session it ends at shutdown (57P01), as the fault drill's restart did. The
     * transaction manager reports its own "could not commit" and carries that reason behind it; the client still gets
     * a 503 that says the order may have been stored, and the same Idempotency-Key places it once afterwards.
     */
    @Test
    void anOrderWhoseCommitMeetsTheDatabaseGoingAwayGetsA503ThatLeavesTheOutcomeOpen() {
        String customer = "quin-" + Long.toString(System.nanoTime(), 36);
        String key = "commit-lost-" + customer;
        db().execute("""
                CREATE FUNCTION it_commit_lost() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'terminating connection due to administrator command (injected at the commit)'
                        USING ERRCODE = 'admin_shutdown';
                END $$""");
        Set<Path> recordsBefore = transactionRecords();
        try {
            db().execute("CREATE CONSTRAINT TRIGGER it_commit_lost AFTER INSERT ON orders DEFERRABLE INITIALLY "
                    + "DEFERRED FOR EACH ROW WHEN (NEW.customer_id = '" + customer + "') EXECUTE FUNCTION it_commit_lost()");
            Api.Reply lost = place(customer, key);
            assertEquals(503, lost.status(), lost.body());
            assertEquals("application/problem+json", lost.contentType());
            assertEquals("5", lost.header("Retry-After"));
            assertTrue(lost.json().getString("detail").contains("may have taken effect"), lost.body());
        } finally {
            db().execute("DROP FUNCTION it_commit_lost() CASCADE");
        }
        assertEquals(0, db().number("SELECT count(*) FROM orders WHERE customer_id = ?", customer),
                "this commit failed, so nothing of it is stored");
        Set<Path> kept = new HashSet<>(transactionRecords());
        kept.removeAll(recordsBefore);
        if ("xa".equals(System.getProperty("waybill.it.messaging-mode"))) {
            // Known and documented (README, Not done yet): the hazard waits in the log for an operator.
            System.out.println("DatabaseLostAtCommitIT: heuristic records the XA pool's lost commit left: " + kept);
        } else {
            assertEquals(Set.of(), kept, "the local pool's failed commit is a plain rollback: nothing waits for a person");
        }
        // As a client would: again while the answer is 503 (the XA pool hands the connection whose commit failed out
        // once more, and that request fails too: README, Not done yet).
        Api.Reply retried = Eventually.await("the order placed with the same key", Duration.ofSeconds(30),
                () -> place(customer, key), r -> r.status() != 503);
        assertEquals(201, retried.status(), retried.body());
        assertEquals(1, db().number("SELECT count(*) FROM orders WHERE customer_id = ?", customer));
        assertTrue(ServerLog.text(TestStack.stack().node(1).serverLog()).contains(
                "Database unreachable during the commit: ERROR: terminating connection due to administrator command "
                        + "(injected at the commit)"), "logged as the database's failure in one line, not as ours");
    }

    /** The transaction manager's records of transactions it could not complete (heuristic outcomes among them). */
    private static Set<Path> transactionRecords() {
        Path records = TestStack.stack().node(1).serverLog().getParent().resolveSibling("data/tx-object-store/"
                + "ShadowNoFileLockStore/defaultStore/StateManager/BasicAction/TwoPhaseCoordinator/AtomicAction");
        if (!Files.isDirectory(records)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(records)) {
            return files.collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Api.Reply place(String customer, String idempotencyKey) {
        return Api.post("/orders", "{\"customerId\":\"" + customer
                + "\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}", "Idempotency-Key", idempotencyKey);
    }
}

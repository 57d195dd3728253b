package org.waybill.it;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * The run's PostgreSQL allows prepared transactions only if its messaging mode needs them: the default
 * at-least-once run is on a stock PostgreSQL (max_prepared_transactions = 0), so a change that makes that mode
 * depend on a two-phase commit fails its tests instead of passing quietly. Run in both modes.
 */
class PreparedTransactionsIT {
    @Test
    void theDatabaseAllowsPreparedTransactionsOnlyInXaMode() {
        long allowed = db().number("SELECT setting::bigint FROM pg_settings WHERE name = 'max_prepared_transactions'");
        String mode = System.getProperty("waybill.it.messaging-mode", "at-least-once");
        if (mode.equals("xa")) {
            assertTrue(allowed > 0, "xa mode needs prepared transactions, has max_prepared_transactions = " + allowed);
        } else {
            assertEquals(0, allowed, "the " + mode + " mode runs on a stock PostgreSQL");
        }
    }
}

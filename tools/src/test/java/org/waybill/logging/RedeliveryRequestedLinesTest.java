package org.waybill.logging;

import org.junit.jupiter.api.Test;
import org.waybill.messaging.RedeliveryRequested;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resource adapter's lines for a redelivery Waybill asked for go; its lines for any other failure stay. */
class RedeliveryRequestedLinesTest {
    private final Filter filter = new RedeliveryRequestedLines();

    @Test
    void namesTheExceptionTheConsumersThrow() {
        assertEquals(RedeliveryRequested.class.getName(), RedeliveryRequestedLines.REDELIVERY_REQUESTED);
    }

    @Test
    void theErrorAndTheResetAfterARequestedRedeliveryAreDroppedForEveryHandler() {
        LogRecord error = error(new RedeliveryRequested("payment failed on ..."));
        LogRecord reset = reset();
        // Two handlers (FILE, CONSOLE) judge each record in turn.
        assertFalse(filter.isLoggable(error));
        assertFalse(filter.isLoggable(error));
        assertFalse(filter.isLoggable(reset));
        assertFalse(filter.isLoggable(reset));
    }

    @Test
    void aRequestedRedeliveryWrappedByTheContainerIsRecognisedToo() {
        assertFalse(filter.isLoggable(error(new IllegalStateException(new RedeliveryRequested("x")))));
    }

    @Test
    void anyOtherDeliveryErrorKeepsItsLinesAndSoDoesItsReset() {
        LogRecord error = error(new IllegalStateException("a bug"));
        assertTrue(filter.isLoggable(error));
        assertTrue(filter.isLoggable(reset()));
    }

    @Test
    void aResetWithoutAnErrorBeforeItIsKept() {
        assertFalse(filter.isLoggable(error(new RedeliveryRequested("x"))));
        assertFalse(filter.isLoggable(reset()));
        assertTrue(filter.isLoggable(reset()), "only the reset right after the dropped error goes");
    }

    @Test
    void otherRecordsAreKept() {
        assertTrue(filter.isLoggable(new LogRecord(Level.WARNING, "payment failed on payment.requested ...")));
        assertTrue(filter.isLoggable(new LogRecord(Level.INFO, null)));
    }

    private static LogRecord error(Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "AMQ154004: Failed to deliver message");
        record.setThrown(thrown);
        return record;
    }

    private static LogRecord reset() {
        return new LogRecord(Level.WARNING, "AMQ212009: resetting session after failure");
    }
}

package org.waybill.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayFailuresTest {
    private final RelayFailures failures = new RelayFailures();

    @Test
    void aWholeBatchOfAnotherWorkerDoesNotEndAFailure() {
        failures.failed(new PublishFailedException("broker refused a row", null), 500);
        failures.published(false); // claimed before the failure, sent in one broker transaction
        assertTrue(failures.failing(), "the next batch still goes event by event");
        assertTrue(failures.lastFailure().isPresent());
    }

    @Test
    void aBatchSentEventByEventEndsIt() {
        failures.failed(new PublishFailedException("broker away", null), 500);
        failures.failed(new PublishFailedException("broker away", null), 500);
        failures.published(true);
        assertFalse(failures.failing());
        assertEquals(Duration.ZERO, failures.failingFor());
        assertTrue(failures.lastFailure().isEmpty());
    }
}

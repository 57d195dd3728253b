package org.waybill.outbox;

import jakarta.jms.TransactionRolledBackException;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayFailuresTest {
    private final RelayFailures failures = new RelayFailures();
    private final Logger log = Logger.getLogger(OutboxRelay.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    {
        log.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(handler);
    }

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

    /**
     * A batch sent before a crash and not marked comes again, and the broker's duplicate detection refuses its whole
     * transaction: the designed way back (the next batch goes event by event, where the broker drops what it has), so
     * not a warning that reads like an outage.
     */
    @Test
    void theBrokersRefusalOfAResentBatchIsNoOutage() {
        // As the Artemis JMS client reports it at the commit, below the publisher's own exception.
        TransactionRolledBackException refused = new TransactionRolledBackException(
                "Duplicate message detected - message will not be routed");
        refused.initCause(new ActiveMQDuplicateIdException("Duplicate message detected - message will not be routed"));
        failures.failed(new PublishFailedException("broker did not take 2 message(s)", refused), 500);

        assertTrue(failures.failing(), "the next batch goes event by event");
        assertEquals(List.of(Level.INFO), logged.stream().map(LogRecord::getLevel).toList());
        assertTrue(logged.get(0).getMessage().contains("already has"), logged.get(0).getMessage());
    }

    @Test
    void anyOtherRefusalIsAWarning() {
        failures.failed(new PublishFailedException("broker did not take 2 message(s)",
                new TransactionRolledBackException("Duplicate message detected, says only the text")), 500);
        assertEquals(List.of(Level.WARNING), logged.stream().map(LogRecord::getLevel).toList());
    }
}

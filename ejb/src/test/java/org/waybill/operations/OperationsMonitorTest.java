package org.waybill.operations;

import org.junit.jupiter.api.Test;
import org.waybill.messaging.StepStatistics;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker is sampled whatever the database does: its readiness check and the admission limit go by it. */
class OperationsMonitorTest {

    @Test
    void aDatabaseOutageLeavesTheBrokersAnswerRecorded() {
        OperationsMonitor monitor = new OperationsMonitor();
        monitor.statistics = new StepStatistics();
        monitor.gauges = new OperationsGauges();
        monitor.broker = new BrokerQueues() {
            @Override
            public List<QueueStats> consumedQueues() {
                return List.of(new QueueStats("waybill.events.payment", 7, 4, 0, 0, 0, 0, 0));
            }
        };
        monitor.data = new OperationsData() {
            @Override
            public OperationsReport.Outbox outbox() {
                throw new IllegalStateException("database unreachable: Connection refused");
            }
        };

        assertThrows(IllegalStateException.class, monitor::runOnce);
        assertEquals(Map.of("waybill.events.payment", 7L), monitor.gauges.latest().queues());
        assertTrue(monitor.gauges.brokerSilence().isEmpty(), "the broker answered");
    }
}

package org.waybill.operations;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.waybill.messaging.StepStatistics;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker is sampled whatever the database does: its readiness check and its gauges go by it. */
class OperationsMonitorTest {

    @Test
    void aDatabaseOutageLeavesTheBrokersAnswerRecorded() {
        OperationsMonitor monitor = new OperationsMonitor();
        monitor.statistics = new StepStatistics();
        monitor.gauges = new OperationsGauges();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        monitor.gauges.bindTo(registry);
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
        assertEquals(7.0, registry.get(OperationsGauges.QUEUE_MESSAGES).tag("queue", "waybill.events.payment").gauge()
                .value());
        assertTrue(monitor.gauges.brokerSilence().isEmpty(), "the broker answered");
    }
}

package org.waybill.operations;

import org.junit.jupiter.api.Test;
import org.waybill.ordering.Backlog;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admission limit reads the gauges' last samples, and nothing where no sample is recent. */
class BacklogSampleTest {
    private final OperationsGauges gauges = new OperationsGauges();

    @Test
    void theLastSamplesAreTheBacklog() {
        gauges.outbox(new OperationsReport.Outbox(42, 1_000L, null, null, 7));
        gauges.queues(List.of(new QueueStats("waybill.events.inventory", 12, 4, 100, 88, 2, 1, 0),
                new QueueStats("waybill.events.payment", 0, 4, 50, 50, 0, 0, 3)));
        Backlog.Sample sample = gauges.latest();
        assertEquals(OptionalLong.of(42), sample.outbox(), "the set-aside events are not waiting for the relay");
        assertEquals(Map.of("waybill.events.inventory", 12L, "waybill.events.payment", 0L), sample.queues());
    }

    @Test
    void nothingSampledIsNoFigure() {
        assertEquals(new Backlog.Sample(OptionalLong.empty(), Map.of()), gauges.latest());
    }
}

package org.waybill.operations;

import org.junit.jupiter.api.Test;
import org.waybill.ordering.Backlog;
import org.waybill.ordering.OrderAdmission;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The admission limit's figures are sampled only while a limit is set, each on its own, and read as missing once
 * they stop being sampled (so that they refuse nothing).
 */
class AdmissionSamplingTest {
    private final AtomicInteger questions = new AtomicInteger();
    private boolean limited = true;
    private boolean brokerAnswers = true;
    private final AdmissionSampling sampling = new AdmissionSampling();

    AdmissionSamplingTest() {
        sampling.admission = new OrderAdmission() {
            @Override
            public boolean limited() {
                return limited;
            }
        };
        sampling.backlog = new AdmissionBacklog();
        sampling.backlog.intervalMillis = 1_000;
        sampling.broker = new BrokerQueues() {
            @Override
            public List<QueueStats> consumedQueues() {
                questions.incrementAndGet();
                if (!brokerAnswers) {
                    throw new IllegalStateException("the broker did not answer listQueues within 5000 ms");
                }
                return List.of(new QueueStats("waybill.events.ordering", 12, 4, 100, 88, 2, 1, 0),
                        new QueueStats("waybill.events.payment", 0, 4, 50, 50, 0, 0, 3));
            }
        };
        sampling.data = new OperationsData() {
            @Override
            public long unpublishedEvents() {
                questions.incrementAndGet();
                return 42;
            }
        };
    }

    @Test
    void aSampleIsEachQueuesDepthAndTheOutboxsWaitingEvents() {
        sampling.runOnce();
        assertEquals(new Backlog.Sample(OptionalLong.of(42),
                Map.of("waybill.events.ordering", 12L, "waybill.events.payment", 0L)), sampling.backlog.latest());
    }

    @Test
    void withoutALimitNothingIsAsked() {
        limited = false;
        sampling.runOnce();
        assertEquals(0, questions.get());
        assertEquals(new Backlog.Sample(OptionalLong.empty(), Map.of()), sampling.backlog.latest());
    }

    @Test
    void aBrokerThatDoesNotAnswerLeavesTheOutboxSampled() {
        brokerAnswers = false;
        assertThrows(IllegalStateException.class, sampling::runOnce);
        assertEquals(new Backlog.Sample(OptionalLong.of(42), Map.of()), sampling.backlog.latest());
    }

    @Test
    void figuresNotSampledForFiveIntervalsAreMissing() throws InterruptedException {
        sampling.backlog.intervalMillis = 2;
        sampling.runOnce();
        Thread.sleep(5 * 2 + 20);
        assertEquals(new Backlog.Sample(OptionalLong.empty(), Map.of()), sampling.backlog.latest());
    }
}

package org.waybill.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the operations dashboard shows: the queues now (from the broker), the outbox now, each step over the last
 * minutes (from the database), and the series behind the charts.
 *
 * @param brokerProblem why the broker's numbers are missing, or null
 */
public record OperationsReport(Instant at, List<QueueStats> queues, String brokerProblem, Outbox outbox,
                               List<Step> steps, List<Sample> samples, List<StepPoint> stepSeries) {

    /**
     * @param backlog        events written but not yet published, but for those of an order with an event set aside
     * @param oldestAgeMillis how long the oldest of them has waited (the outbox lag now), or null if none waits
     * @param lagAvgMillis   commit to publish, on average over the last minute, or null if nothing was published
     * @param setAside       events set aside because the broker kept refusing them ({@link SetAsideEvents})
     */
    public record Outbox(long backlog, Long oldestAgeMillis, Long lagAvgMillis, Long lagMaxMillis, long setAside) {
    }

    /** One step over the report's window: deliveries processed and failed (retried), and processing time. */
    public record Step(String consumer, long processed, long failed, double failureRate, double avgMillis,
                       double maxMillis) {
    }

    /** Queue depths and outbox backlog at one moment, for the charts. */
    public record Sample(Instant at, Map<String, Long> depths, long outboxBacklog) {
    }

    /** One step in one 10-second bucket, for the charts. */
    public record StepPoint(Instant bucket, String consumer, long processed, long failed, double avgMillis) {
    }
}

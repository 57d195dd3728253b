package org.waybill.ordering;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admission limit refuses a new order only when the recent figures of the outbox and the queues add up to more
 * than the limit, says how much waits and where most, and when to come back, and counts it; with the limit off, or
 * without recent figures, it admits.
 */
class OrderAdmissionTest {
    private static final Map<String, Long> QUIET_QUEUES = Map.of("waybill.events.inventory", 3L,
            "waybill.events.payment", 0L);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OrderAdmission admission = new OrderAdmission();
    private Backlog.Sample sample;

    OrderAdmissionTest() {
        admission.maxBacklog = () -> 100L;
        admission.retryAfterSeconds = () -> 30L;
        admission.backlog = () -> sample;
        admission.bindTo(registry);
    }

    @Test
    void aRecentOutboxBacklogOverTheLimitRefusesWithRetryAfterAndIsCounted() {
        sample = new Backlog.Sample(OptionalLong.of(101), QUIET_QUEUES);
        AdmissionLimitException refused = assertThrows(AdmissionLimitException.class, admission::admit);
        assertEquals(Duration.ofSeconds(30), refused.retryAfter().orElseThrow());
        assertEquals(AdmissionLimitException.TYPE, refused.type());
        assertTrue(refused.getMessage().contains("104 events and messages wait (the most in the outbox: 101) "
                + "(the admission limit is 100)"), refused.getMessage());
        assertEquals(1, refused("outbox"));
        assertEquals(0, refused("queue"));
    }

    @Test
    void aRecentQueueOverTheLimitRefusesNamingTheQueue() {
        sample = new Backlog.Sample(OptionalLong.of(0), Map.of("waybill.events.inventory", 8_482L,
                "waybill.events.ordering", 150L));
        AdmissionLimitException refused = assertThrows(AdmissionLimitException.class, admission::admit);
        assertTrue(refused.getMessage().contains("8,632 events and messages wait (the most in queue "
                + "waybill.events.inventory: 8,482)"), refused.getMessage());
        assertEquals(1, refused("queue"));
    }

    @Test
    void queuesEachWithinTheLimitButTogetherOverItRefuse() {
        // An order feeds several queues: a limit per queue let ordering's grow past it while each other one was within.
        sample = new Backlog.Sample(OptionalLong.of(10), Map.of("waybill.events.ordering", 60L,
                "waybill.events.payment", 40L));
        AdmissionLimitException refused = assertThrows(AdmissionLimitException.class, admission::admit);
        assertTrue(refused.getMessage().contains("110 events and messages wait (the most in queue "
                + "waybill.events.ordering: 60)"), refused.getMessage());
    }

    @Test
    void aBacklogUpToTheLimitIsAdmitted() {
        sample = new Backlog.Sample(OptionalLong.of(40), Map.of("waybill.events.inventory", 35L,
                "waybill.events.ordering", 25L));
        assertDoesNotThrow(admission::admit);
        assertEquals(0, refused("outbox") + refused("queue"));
    }

    @Test
    void figuresNotSampledRecentlyRefuseNothing() {
        sample = new Backlog.Sample(OptionalLong.empty(), Map.of());
        assertDoesNotThrow(admission::admit);
    }

    @Test
    void onlyTheRecentFigureCountsWhenTheOtherIsMissing() {
        // The broker did not answer: its queues are unknown, but the outbox it no longer drains is not.
        sample = new Backlog.Sample(OptionalLong.of(5_000), Map.of());
        assertThrows(AdmissionLimitException.class, admission::admit);
        sample = new Backlog.Sample(OptionalLong.empty(), Map.of("waybill.events.inventory", 50L));
        assertDoesNotThrow(admission::admit);
    }

    @Test
    void aLimitOfZeroIsOff() {
        assertTrue(admission.limited());
        admission.maxBacklog = () -> 0L;
        assertFalse(admission.limited());
        sample = new Backlog.Sample(OptionalLong.of(1_000_000), Map.of("waybill.events.inventory", 1_000_000L));
        assertDoesNotThrow(admission::admit);
    }

    @Test
    void theLimitIsReadAtEveryOrder() {
        sample = new Backlog.Sample(OptionalLong.of(150), QUIET_QUEUES);
        assertThrows(AdmissionLimitException.class, admission::admit);
        admission.maxBacklog = () -> 200L;
        assertDoesNotThrow(admission::admit);
    }

    private long refused(String reason) {
        return (long) registry.get(OrderAdmission.REFUSED).tag("reason", reason).counter().count();
    }
}

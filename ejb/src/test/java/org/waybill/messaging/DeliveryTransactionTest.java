package org.waybill.messaging;

import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.Test;
import org.waybill.contracts.OrderCancellationRequested;
import org.waybill.events.EventEnvelope;
import org.waybill.events.UnprocessableEventException;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A refusal's "no such order" counts as a finding only in a sound transaction: once a database failure has marked the
 * transaction rollback-only, Hibernate may answer "none", and the event must be retried, not parked as poison. A step
 * releases its order's delivery hold when the order check found one, and spends no statement on it otherwise.
 */
class DeliveryTransactionTest {
    private static final UUID ORDER = UUID.randomUUID();

    private final Subscription<Void> subscription = Subscription.<Void>of(Destinations.ORDERING, Destinations.ORDERING_QUEUE)
            .on(OrderCancellationRequested.TYPE, OrderCancellationRequested.class,
                    (s, p) -> Optional.of("event for unknown order " + p.orderId()), (s, e, p) -> {
                        throw new AssertionError("a refused event reached its handler");
                    });

    private final Subscription<Void> accepting = Subscription.<Void>of(Destinations.ORDERING, Destinations.ORDERING_QUEUE)
            .on(OrderCancellationRequested.TYPE, OrderCancellationRequested.class, (s, e, p) -> {
            });

    private final List<Long> released = new ArrayList<>();

    /** The inbox rows the transaction leaves. */
    private final List<UUID> recorded = new ArrayList<>();

    @Test
    void aFindingInASoundTransactionIsUnprocessable() {
        assertThrows(RefusedEventException.class, () -> transaction(false).ownTransaction(step(), null));
    }

    @Test
    void aRefusedStepInSequenceLeavesNoInboxRowThoughItsCheckRecordedOne() {
        assertThrows(RefusedEventException.class, () -> transaction(false).ownTransaction(refusedInSequence(), null));
        assertEquals(List.of(), recorded, "a parked event is not done at the consumer");
    }

    @Test
    void aStepInSequenceIsRecordedByItsCheck() {
        Subscription.Step<Void> step = sequenced(7);
        assertEquals(StepOutcome.PROCESSED, transaction(false).ownTransaction(step, null));
        assertEquals(List.of(step.event().eventId()), recorded);
    }

    @Test
    void aStepReleasesTheHoldTheOrderCheckFound() {
        assertEquals(StepOutcome.PROCESSED, transaction(false, true).ownTransaction(sequenced(7), null));
        assertEquals(List.of(7L), released, "the hold up to the step's sequence goes with it");
    }

    @Test
    void aStepOfAnOrderWithoutAHoldReleasesNothing() {
        assertEquals(StepOutcome.PROCESSED, transaction(false, false).ownTransaction(sequenced(7), null));
        assertEquals(List.of(), released, "no statement for a hold the order check did not find");
    }

    @Test
    void aFindingInATransactionAFailureMarkedForRollbackIsAFailure() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> transaction(true).ownTransaction(step(), null));
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(t instanceof UnprocessableEventException, "would be parked: " + t);
        }
        assertEquals(1, e.getSuppressed().length, "the finding is kept for the log");
    }

    private Subscription.Step<Void> step() {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), OrderCancellationRequested.TYPE, "order",
                ORDER.toString(), Instant.now(), ORDER.toString(), null,
                "{\"orderId\":\"" + ORDER + "\",\"reason\":\"changed my mind\"}");
        return subscription.accept(event, null);
    }

    private Subscription.Step<Void> refusedInSequence() {
        return subscription.accept(step().event(), 3L);
    }

    private Subscription.Step<Void> sequenced(long sequence) {
        return accepting.accept(step().event(), sequence);
    }

    private DeliveryTransaction transaction(boolean rollbackOnly) {
        return transaction(rollbackOnly, false);
    }

    private DeliveryTransaction transaction(boolean rollbackOnly, boolean held) {
        DeliveryTransaction transaction = new DeliveryTransaction();
        transaction.order = new DeliveryOrder() {
            @Override
            public Checked awaitEarlierAndRecord(Subscription.Step<?> step) {
                recorded.add(step.event().eventId());
                return new Checked(true, held);
            }

            @Override
            public void awaitUndone(Subscription.Step<?> step) {
            }
        };
        transaction.holds = new DeliveryHolds() {
            @Override
            public void release(String consumer, String aggregateId, long sequence) {
                released.add(sequence);
            }
        };
        transaction.inbox = new Inbox() {
            @Override
            public boolean firstDelivery(String consumer, UUID eventId) {
                recorded.add(eventId);
                return true;
            }

            @Override
            public void forget(String consumer, UUID eventId) {
                recorded.remove(eventId);
            }
        };
        transaction.registry = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                TransactionSynchronizationRegistry.class.getClassLoader(), new Class<?>[] {TransactionSynchronizationRegistry.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRollbackOnly" -> rollbackOnly;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return transaction;
    }
}

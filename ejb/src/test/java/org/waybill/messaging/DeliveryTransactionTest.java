package org.waybill.messaging;

import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.Test;
import org.waybill.contracts.OrderCancellationRequested;
import org.waybill.events.EventEnvelope;
import org.waybill.events.UnprocessableEventException;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A handler's "no such order" counts as a finding only in a sound transaction: once a database failure has marked the
 * transaction rollback-only, Hibernate's find answers null, and the event must be retried, not parked as poison.
 */
class DeliveryTransactionTest {
    private static final UUID ORDER = UUID.randomUUID();

    private final Subscription<Void> subscription = Subscription.<Void>of(Destinations.ORDERING, Destinations.ORDERING_QUEUE)
            .on(OrderCancellationRequested.TYPE, OrderCancellationRequested.class, (s, e, p) -> {
                throw new UnprocessableEventException("event for unknown order " + p.orderId());
            });

    @Test
    void aFindingInASoundTransactionIsUnprocessable() {
        assertThrows(UnprocessableEventException.class, () -> transaction(false).ownTransaction(step(), null));
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

    private static DeliveryTransaction transaction(boolean rollbackOnly) {
        DeliveryTransaction transaction = new DeliveryTransaction();
        transaction.inbox = new Inbox() {
            @Override
            public boolean firstDelivery(String consumer, EventEnvelope event) {
                return true;
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

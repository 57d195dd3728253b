package org.waybill.messaging;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.Test;
import org.waybill.contracts.OrderCancellationRequested;
import org.waybill.events.UnprocessableEventException;
import org.waybill.platform.Tracing;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A delivery whose transaction the broker's session could not join (the resource adapter has acknowledged the message
 * outside any transaction) is never left to that transaction: its step runs in one of its own, and what cannot be
 * done now goes back to the queue, in both messaging modes. A delivery the broker joined goes on as before, and one
 * without a transaction (the at-least-once mode) is not detached: its failure is thrown for the broker to redeliver.
 */
class DetachedDeliveryTest {
    private static final String ORDER = UUID.randomUUID().toString();

    /** What happened to the message, in order. */
    private final List<String> happened = new ArrayList<>();
    private RuntimeException stepFailure;

    private final Subscription<List<String>> subscription = Subscription.<List<String>>of(Destinations.PAYMENT,
                    Destinations.PAYMENT_QUEUE)
            .on(OrderCancellationRequested.TYPE, OrderCancellationRequested.class, (s, e, p) -> s.add("handled"));

    @Test
    void anXaDeliveryTheBrokerDidNotJoinDoesItsStepInATransactionOfItsOwn() {
        deliver(MessagingMode.XA, Status.STATUS_MARKED_ROLLBACK, cancellation());
        assertEquals(List.of("own transaction", "handled"), happened);
    }

    @Test
    void anAtLeastOnceDeliveryTheBrokerDidNotJoinDoesItsStepInATransactionOfItsOwn() {
        deliver(MessagingMode.AT_LEAST_ONCE, Status.STATUS_MARKED_ROLLBACK, cancellation());
        assertEquals(List.of("own transaction", "handled"), happened);
    }

    @Test
    void aStepThatCannotBeDoneNowSendsTheMessageBackToItsQueue() {
        stepFailure = new WaitingForEarlierEventException("an earlier event is not done", UUID.randomUUID(), 1L);
        for (String mode : List.of(MessagingMode.XA, MessagingMode.AT_LEAST_ONCE)) {
            happened.clear();
            deliver(mode, Status.STATUS_MARKED_ROLLBACK, cancellation());
            assertEquals(List.of("own transaction", "sent back to " + Destinations.PAYMENT_QUEUE), happened, mode);
        }
    }

    @Test
    void poisonIsSentBackToBeParkedAtItsNextDelivery() {
        Map<String, Object> noEventId = cancellation();
        noEventId.remove(EventMessages.EVENT_ID);
        deliver(MessagingMode.XA, Status.STATUS_ROLLEDBACK, noEventId);
        assertEquals(List.of("sent back to " + Destinations.PAYMENT_QUEUE), happened);
    }

    @Test
    void anXaDeliveryTheBrokerJoinedRunsInThatTransaction() {
        deliver(MessagingMode.XA, Status.STATUS_ACTIVE, cancellation());
        assertEquals(List.of("joined delivery", "handled"), happened);
    }

    @Test
    void aFailedStepInTheDeliveryTransactionMarksItForRollbackAndReturns() {
        stepFailure = new IllegalStateException("the database is away");
        for (String mode : List.of(MessagingMode.XA, MessagingMode.AT_LEAST_ONCE)) {
            happened.clear();
            deliver(mode, Status.STATUS_ACTIVE, cancellation());
            assertEquals(List.of(mode.equals(MessagingMode.XA) ? "joined delivery" : "own transaction",
                    "delivery marked for rollback"), happened, mode);
        }
    }

    /** The at-least-once mode's deliveries have no transaction (jboss-ejb3.xml): that is not a detached delivery. */
    @Test
    void aDeliveryWithoutATransactionRunsItsStepInATransactionOfItsOwn() {
        for (String mode : List.of(MessagingMode.AT_LEAST_ONCE, MessagingMode.XA)) {
            happened.clear();
            deliver(mode, Status.STATUS_NO_TRANSACTION, cancellation());
            assertEquals(List.of("own transaction", "handled"), happened, mode);
        }
    }

    /** Only a throw makes the resource adapter roll its session back, so that the broker redelivers the message. */
    @Test
    void aFailedStepWithoutADeliveryTransactionThrowsForTheBrokerToRedeliver() {
        stepFailure = new WaitingForEarlierEventException("an earlier event is not done", UUID.randomUUID(), 1L);
        RedeliveryRequested thrown = assertThrows(RedeliveryRequested.class,
                () -> deliver(MessagingMode.AT_LEAST_ONCE, Status.STATUS_NO_TRANSACTION, cancellation()));
        assertEquals(List.of("own transaction"), happened, "neither sent back nor marked");
        assertTrue(thrown.getMessage().contains("the broker redelivers it after its backoff"), thrown.getMessage());
        assertEquals(0, thrown.getStackTrace().length, "logged already; the adapter's record of it is dropped");
    }

    @Test
    void poisonWithoutADeliveryTransactionIsParkedAndTheDeliveryReturns() {
        Map<String, Object> noEventId = cancellation();
        noEventId.remove(EventMessages.EVENT_ID);
        deliver(MessagingMode.AT_LEAST_ONCE, Status.STATUS_NO_TRANSACTION, noEventId);
        assertEquals(List.of("parked"), happened);
    }

    private void deliver(String mode, int deliveryStatus, Map<String, Object> fields) {
        DeliveryTransaction transaction = new DeliveryTransaction() {
            @Override
            public <S> StepOutcome joinDelivery(Subscription.Step<S> step, S service) {
                happened.add("joined delivery");
                if (stepFailure != null) {
                    throw stepFailure;
                }
                step.handler().accept(service);
                return StepOutcome.PROCESSED;
            }

            @Override
            public <S> StepOutcome ownTransaction(Subscription.Step<S> step, S service) {
                happened.add("own transaction");
                if (stepFailure != null) {
                    throw stepFailure;
                }
                step.handler().accept(service);
                return StepOutcome.PROCESSED;
            }
        };
        EventDelivery delivery = new EventDelivery();
        delivery.mode = new MessagingMode();
        delivery.mode.mode = mode;
        delivery.transaction = transaction;
        delivery.registry = registry(deliveryStatus);
        delivery.tracing = new Tracing();
        delivery.statistics = new StepStatistics() {
            @Override
            public void record(String consumer, long nanos, StepOutcome outcome) {
            }
        };
        delivery.poison = new PoisonMessages() {
            @Override
            public void park(Message original, Subscription<?> subscription, UnprocessableEventException reason) {
                happened.add("parked");
            }
        };
        delivery.detached = new DetachedDelivery();
        delivery.detached.transaction = transaction;
        delivery.detached.sendBack = new SendBack() {
            @Override
            public void toQueue(Message original, String queue, Exception why) {
                happened.add("sent back to " + queue);
            }
        };
        delivery.deliver(message(fields), subscription, happened);
    }

    private static Map<String, Object> cancellation() {
        Map<String, Object> fields = new HashMap<>();
        fields.put(EventMessages.EVENT_ID, UUID.randomUUID().toString());
        fields.put(EventMessages.EVENT_TYPE, OrderCancellationRequested.TYPE.name());
        fields.put(EventMessages.EVENT_VERSION, OrderCancellationRequested.TYPE.version());
        fields.put(EventMessages.AGGREGATE_TYPE, "order");
        fields.put(EventMessages.AGGREGATE_ID, ORDER);
        fields.put(EventMessages.OCCURRED_AT, Instant.now().toString());
        fields.put("JMSCorrelationID", ORDER);
        fields.put("text", "{\"orderId\":\"" + ORDER + "\",\"reason\":\"changed my mind\"}");
        return fields;
    }

    private static Message message(Map<String, Object> fields) {
        return (Message) Proxy.newProxyInstance(TextMessage.class.getClassLoader(), new Class<?>[] {TextMessage.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getText" -> fields.get("text");
                    case "getJMSCorrelationID" -> fields.get("JMSCorrelationID");
                    case "propertyExists" -> fields.containsKey((String) args[0]);
                    case "getStringProperty" -> fields.get((String) args[0]) == null ? null : fields.get((String) args[0]).toString();
                    case "getObjectProperty" -> fields.get((String) args[0]);
                    case "getIntProperty" -> Integer.parseInt(String.valueOf(fields.get((String) args[0])));
                    case "getLongProperty" -> Long.parseLong(String.valueOf(fields.get((String) args[0])));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private TransactionSynchronizationRegistry registry(int status) {
        return (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                TransactionSynchronizationRegistry.class.getClassLoader(), new Class<?>[] {TransactionSynchronizationRegistry.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getTransactionStatus" -> status;
                    case "registerInterposedSynchronization" -> null; // the delivery's span ends with the transaction
                    case "setRollbackOnly" -> {
                        happened.add("delivery marked for rollback");
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

package org.waybill.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.waybill.events.UnprocessableEventException;
import org.waybill.platform.Failures;
import org.waybill.platform.Tracing;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens to every message a message-driven bean receives: decode it, check it against the consumer's
 * subscription, and run it in the transaction the messaging mode asks for ({@link DeliveryTransaction}: the order's
 * earlier events, the inbox, then the service's handler). How the delivery itself runs is set per mode in
 * META-INF/jboss-ejb3.xml:
 * <ul>
 *   <li>{@code xa}: in the bean's XA transaction, which holds the broker's session; the step joins it, and the
 *       acknowledgement commits with the step's database work.</li>
 *   <li>{@code at-least-once} and {@code direct-xa}: without a transaction. The step commits its own, then the
 *       resource adapter acknowledges the message, after {@code onMessage} returned (a crash in between redelivers it,
 *       and the inbox turns that into no second effect). No XA start, end and commit with the broker per delivery.</li>
 * </ul>
 * What becomes of a message:
 * <ul>
 *   <li>A message no retry can fix (bad envelope, unknown type or version, invalid payload, and, found by the
 *       route's {@link Subscription.Refusal} before the step's handler runs, an order or notification that was
 *       never written here) is parked in its dead-letter queue with the reason, at once ({@link PoisonMessages}), in
 *       both messaging modes alike.</li>
 *   <li>Any other failure rolls the delivery back and the broker redelivers it after its backoff (and dead-letters it
 *       after the last attempt). The order's later events at this consumer wait for it whatever
 *       happens here ({@link DeliveryOrder}); the failure is recorded for operators as a delivery hold
 *       ({@link DeliveryHolds}) and logged once per attempt, with its stack trace only when it is not an
 *       expected, passing one. A delivery transaction is marked for rollback; without one, {@link RedeliveryRequested}
 *       is thrown, the only way to make the resource adapter roll its session back.</li>
 * </ul>
 * A delivery whose transaction is no longer active when it arrives here could not enlist the broker's session: the
 * broker has taken the acknowledgement already, and {@link DetachedDelivery} keeps the message.
 * <p>
 * Every delivery, whichever way it goes, is a consumer span of the event's trace, current while the step runs
 * ({@link DeliverySpan}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class EventDelivery {
    private static final Logger LOG = Logger.getLogger(EventDelivery.class.getName());

    @Inject
    MessagingMode mode;

    @Inject
    DeliveryTransaction transaction;

    @Inject
    DeliveryHolds holds;

    @Inject
    PoisonMessages poison;

    @Inject
    StepStatistics statistics;

    @Inject
    DetachedDelivery detached;

    @Inject
    Tracing tracing;

    @Resource
    TransactionSynchronizationRegistry registry;

    public <S> void deliver(Message message, Subscription<S> subscription, S service) {
        try (DeliverySpan span = DeliverySpan.start(tracing.tracer(), message, subscription, registry)) {
            int status = registry.getTransactionStatus();
            if (DetachedDelivery.applies(status)) {
                detached.deliver(message, subscription, service);
                return;
            }
            boolean transacted = status == Status.STATUS_ACTIVE;
            DeliveryModeCheck.observe(subscription.consumer(), transacted, mode);
            deliver(message, subscription, service, span, transacted);
        }
    }

    private <S> void deliver(Message message, Subscription<S> subscription, S service, DeliverySpan span,
                             boolean transacted) {
        long start = System.nanoTime();
        Subscription.Step<S> step = null;
        try {
            StepOutcome outcome;
            try {
                step = subscription.accept(EventMessages.decode(message), EventMessages.sequence(message));
                outcome = transacted && mode.isXa() ? transaction.joinDelivery(step, service)
                        : transaction.ownTransaction(step, service);
            } catch (UnprocessableEventException e) {
                // Nothing of the step is left written: in the XA mode the delivery's transaction parks the message and
                // acknowledges it together; in the at-least-once mode the step's own transaction left nothing.
                poison.park(message, subscription, e);
                statistics.record(subscription.consumer(), System.nanoTime() - start, StepOutcome.PARKED);
                span.failed(StepOutcome.PARKED, e);
                return;
            }
            statistics.record(subscription.consumer(), System.nanoTime() - start, outcome);
            span.ended(outcome);
        } catch (RuntimeException e) {
            if (transacted) {
                registry.setRollbackOnly();
            }
            StepOutcome outcome = e instanceof WaitingForEarlierEventException ? StepOutcome.HELD : StepOutcome.FAILED;
            statistics.record(subscription.consumer(), System.nanoTime() - start, outcome);
            span.failed(outcome, e);
            if (step != null && step.sequence() != null) {
                holdOrder(step, e);
            }
            String line = logFailedAttempt(subscription, step, message, e);
            if (!transacted) {
                throw new RedeliveryRequested(line);
            }
        }
    }

    /** Records what holds the order here: this event, or the earlier one it waits for (not delivered by this). */
    private void holdOrder(Subscription.Step<?> step, RuntimeException e) {
        try {
            if (e instanceof WaitingForEarlierEventException waiting) {
                holds.failed(step.consumer(), step.event().aggregateId(), waiting.earlierEventId(),
                        waiting.earlierSequence(), false, e);
            } else {
                holds.failed(step.consumer(), step.event().aggregateId(), step.event().eventId(), step.sequence(), true,
                        e.getCause() != null ? e.getCause() : e);
            }
        } catch (RuntimeException holdNotRecorded) {
            // Best effort, for operators only: the database may be what failed. Order does not depend on it.
            e.addSuppressed(holdNotRecorded);
        }
    }

    private static String logFailedAttempt(Subscription<?> subscription, Subscription.Step<?> step, Message message,
                                         RuntimeException e) {
        String what = step == null ? "a message it could not park"
                : step.event().type() + " " + step.event().eventId() + " of order " + step.event().aggregateId();
        String line = subscription.consumer() + " failed on " + what + " (attempt " + EventMessages.deliveryCount(message)
                + "), the broker redelivers it after its backoff: " + Failures.message(e);
        LOG.log(Level.WARNING, line, Failures.isTransient(e) ? null : e);
        return line;
    }
}

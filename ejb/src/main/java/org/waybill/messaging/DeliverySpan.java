package org.waybill.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.waybill.platform.LogContext;
import org.waybill.platform.TraceContext;
import org.waybill.platform.Tracing;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * One delivery to a consumer as a CONSUMER span, child of the span that wrote the event (the message's
 * {@code traceparent}), current while the step runs: the events the step writes carry it on, and every line logged
 * meanwhile names the order and the trace ({@link LogContext}). A message without a traceparent, or with one that is
 * not a W3C trace context (a foreign sender's, a number, garbage), is not refused for it: its step starts a new trace,
 * and the log says so. The span's attributes are read from the message as it came, before it is decoded: a message
 * parked as poison is traced too; its name is the consumer's only, never text a sender chose. The scope and the log
 * context end with the delivery; the span ends with the delivery's transaction, so that a commit that fails (an XA
 * or database failure) shows as the delivery's error, not as a success.
 */
final class DeliverySpan implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeliverySpan.class.getName());
    private static final int MAX_LOGGED = 100;

    private final Span span;
    private final Scope scope;
    private final LogContext log;
    private final TransactionSynchronizationRegistry transaction;

    private DeliverySpan(Span span, String orderId, TransactionSynchronizationRegistry transaction) {
        this.span = span;
        this.transaction = transaction;
        this.scope = span.makeCurrent();
        this.log = LogContext.of(orderId, span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null);
    }

    /** @param transaction the delivery's, to end the span when it ends; null ends it with the delivery */
    static DeliverySpan start(Tracer tracer, Message message, Subscription<?> subscription,
                              TransactionSynchronizationRegistry transaction) {
        String eventType = text(message, EventMessages.EVENT_TYPE);
        String orderId = text(message, EventMessages.AGGREGATE_ID);
        String eventId = text(message, EventMessages.EVENT_ID);
        Object traceparent = property(message, EventMessages.TRACEPARENT);
        SpanContext parent = traceparent instanceof String text ? TraceContext.parse(text) : SpanContext.getInvalid();
        var builder = tracer.spanBuilder(subscription.consumer() + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(TraceContext.parentContext(parent))
                .setAttribute(Tracing.CONSUMER, subscription.consumer())
                .setAttribute(Tracing.DESTINATION, subscription.queue())
                .setAttribute(Tracing.MESSAGING_SYSTEM, Tracing.ARTEMIS)
                .setAttribute(Tracing.OPERATION, "process");
        if (orderId != null) {
            builder.setAttribute(Tracing.ORDER_ID, orderId);
        }
        if (eventType != null) {
            builder.setAttribute(Tracing.EVENT_TYPE, eventType);
        }
        if (eventId != null) {
            builder.setAttribute(Tracing.MESSAGE_ID, eventId);
        }
        DeliverySpan delivery = new DeliverySpan(builder.startSpan(), orderId, transaction);
        if (traceparent != null && !parent.isValid()) {
            // Logged in the new trace's log context, so that the line names the order and the trace it got.
            String shown = String.valueOf(traceparent);
            String kind = traceparent.getClass().getSimpleName();
            LOG.info(() -> subscription.consumer() + " starts a new trace for " + eventType + " " + eventId + " of order "
                    + orderId + ": its " + EventMessages.TRACEPARENT + " is not a W3C trace context (" + kind + " "
                    + (shown.length() > MAX_LOGGED ? shown.substring(0, MAX_LOGGED) + "..." : shown) + ")");
        }
        return delivery;
    }

    /** A text property as it came, or null: the decoding judges the envelope, this only labels the span. */
    private static String text(Message message, String property) {
        return property(message, property) instanceof String text && text.length() <= MAX_LOGGED ? text : null;
    }

    private static Object property(Message message, String property) {
        try {
            return message.getObjectProperty(property);
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    void ended(StepOutcome outcome) {
        span.setAttribute(Tracing.OUTCOME, outcome.name().toLowerCase(Locale.ROOT));
    }

    void failed(StepOutcome outcome, Throwable e) {
        ended(outcome);
        Tracing.failed(span, e);
    }

    @Override
    public void close() {
        try {
            log.close();
            scope.close();
        } finally {
            endWithTheTransaction();
        }
    }

    private void endWithTheTransaction() {
        if (transaction == null || transaction.getTransactionStatus() != Status.STATUS_ACTIVE) {
            span.end(); // a detached delivery, or one whose transaction is already marked for rollback
            return;
        }
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    span.setStatus(StatusCode.ERROR, "the delivery's transaction did not commit");
                }
                span.end();
            }
        });
    }
}

package org.waybill.messaging;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.waybill.contracts.OrderCancellationRequested;
import org.waybill.platform.LogContext;
import org.waybill.platform.TraceContext;
import org.waybill.platform.Tracing;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliverySpanTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String WRITER = "00f067aa0ba902b7";
    private static final String ORDER = UUID.randomUUID().toString();
    private static final String EVENT = UUID.randomUUID().toString();

    private final List<SpanData> ended = new ArrayList<>();
    private final Tracer tracer = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    ended.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            }))
            .build().get("test");

    private final Subscription<Object> subscription = Subscription.of(Destinations.PAYMENT, Destinations.PAYMENT_QUEUE)
            .on(OrderCancellationRequested.TYPE, OrderCancellationRequested.class, (s, e, p) -> { });

    /** A commit that fails after the step ran (an XA or database failure) is the delivery's error, not a success. */
    @Test
    void theSpanEndsWithTheDeliverysTransactionAndAFailedCommitIsAnError() {
        List<Synchronization> registered = new ArrayList<>();
        TransactionSynchronizationRegistry active = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{TransactionSynchronizationRegistry.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getTransactionStatus" -> Status.STATUS_ACTIVE;
                    case "registerInterposedSynchronization" -> registered.add((Synchronization) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        try (DeliverySpan span = DeliverySpan.start(tracer, message(null), subscription, active)) {
            span.ended(StepOutcome.PROCESSED);
        }
        assertTrue(ended.isEmpty(), "not ended before the transaction");
        registered.get(0).afterCompletion(Status.STATUS_ROLLEDBACK);
        assertEquals(StatusCode.ERROR, ended.get(0).getStatus().getStatusCode());
        assertEquals("payment process", ended.get(0).getName());
    }

    @Test
    void aDeliveryIsAConsumerSpanChildOfTheSpanThatWroteItsEventCurrentWhileTheStepRuns() {
        String writtenMeanwhile;
        try (DeliverySpan span = DeliverySpan.start(tracer, message("00-" + TRACE + "-" + WRITER + "-01"), subscription, null)) {
            writtenMeanwhile = TraceContext.currentTraceparent();
            assertEquals(ORDER, MDC.get(LogContext.ORDER_ID));
            assertEquals(TRACE, MDC.get(LogContext.TRACE_ID));
            span.ended(StepOutcome.PROCESSED);
        }
        assertNull(MDC.get(LogContext.ORDER_ID), "cleared for the thread's next delivery");
        assertNull(MDC.get(LogContext.TRACE_ID));

        SpanData span = ended.get(0);
        assertEquals(SpanKind.CONSUMER, span.getKind());
        assertEquals(TRACE, span.getTraceId());
        assertEquals(WRITER, span.getParentSpanId());
        assertEquals("00-" + TRACE + "-" + span.getSpanId() + "-01", writtenMeanwhile,
                "the events the step writes name this span as theirs");
        assertEquals(ORDER, span.getAttributes().get(Tracing.ORDER_ID));
        assertEquals(OrderCancellationRequested.TYPE.name(), span.getAttributes().get(Tracing.EVENT_TYPE));
        assertEquals(Destinations.PAYMENT, span.getAttributes().get(Tracing.CONSUMER));
        assertEquals(EVENT, span.getAttributes().get(Tracing.MESSAGE_ID));
        assertEquals("processed", span.getAttributes().get(Tracing.OUTCOME));
    }

    /** A foreign or broken traceparent never fails the step: it gets a trace of its own. */
    @Test
    void aMessageWithoutAValidTraceparentStartsANewTrace() {
        for (Object traceparent : new Object[] {null, "garbage", "00-" + TRACE + "-" + WRITER, 42L, "x".repeat(10_000)}) {
            ended.clear();
            try (DeliverySpan span = DeliverySpan.start(tracer, message(traceparent), subscription, null)) {
                assertEquals(ORDER, MDC.get(LogContext.ORDER_ID));
                span.ended(StepOutcome.PROCESSED);
            }
            SpanData span = ended.get(0);
            assertTrue(span.getSpanContext().isValid(), String.valueOf(traceparent));
            assertNotEquals(TRACE, span.getTraceId());
            assertEquals("0000000000000000", span.getParentSpanId(), "a root: " + traceparent);
        }
    }

    @Test
    void aFailedAttemptIsAnError() {
        try (DeliverySpan span = DeliverySpan.start(tracer, message(null), subscription, null)) {
            span.failed(StepOutcome.FAILED, new IllegalStateException("the database is away"));
        }
        assertEquals(StatusCode.ERROR, ended.get(0).getStatus().getStatusCode());
        assertEquals("failed", ended.get(0).getAttributes().get(Tracing.OUTCOME));
    }

    private static Message message(Object traceparent) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(EventMessages.EVENT_ID, EVENT);
        properties.put(EventMessages.EVENT_TYPE, OrderCancellationRequested.TYPE.name());
        properties.put(EventMessages.AGGREGATE_ID, ORDER);
        properties.put(EventMessages.TRACEPARENT, traceparent);
        return (Message) Proxy.newProxyInstance(TextMessage.class.getClassLoader(), new Class<?>[] {TextMessage.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getObjectProperty" -> properties.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

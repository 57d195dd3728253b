package org.waybill.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C trace context as Waybill stores and sends it: the {@code traceparent} of the span that wrote an event,
 * kept with its outbox row and carried as a message property, so that the step taking the event continues the trace.
 * Parsing and formatting are OpenTelemetry's W3C propagator's, never Waybill's own.
 */
public final class TraceContext {
    /** The W3C header, and the message property and column of that name. */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<String> ONE_HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String traceparent, String key) {
            return TRACEPARENT.equals(key) ? traceparent : null;
        }
    };

    private TraceContext() {
    }

    /** The traceparent of the span current on this thread; null when there is none (tracing is not set up). */
    public static String currentTraceparent() {
        return traceparentOf(Context.current());
    }

    /** The traceparent of the span in the context; null when it has none that is valid. */
    private static String traceparentOf(Context context) {
        Map<String, String> headers = new HashMap<>(2);
        W3C.inject(context, headers, Map::put);
        return headers.get(TRACEPARENT);
    }

    /**
     * The span a traceparent names, as the remote parent of the spans that continue it.
     *
     * @return invalid (so a new trace starts) for null and for anything that is not a W3C traceparent
     */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        return Span.fromContext(W3C.extract(Context.root(), traceparent, ONE_HEADER)).getSpanContext();
    }

    /** The trace id of the span current on this thread; null when there is none (tracing is not set up). */
    public static String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /** The trace id (32 hex digits) a traceparent names, or null for null and for a malformed one. */
    public static String traceId(String traceparent) {
        SpanContext span = parse(traceparent);
        return span.isValid() ? span.getTraceId() : null;
    }

    /** The context in which the spans that continue a traceparent start: a new trace for an invalid one. */
    public static Context parentContext(SpanContext parent) {
        return parent.isValid() ? Context.root().with(Span.wrap(parent)) : Context.root();
    }
}

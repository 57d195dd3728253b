package org.waybill.ordering;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import org.waybill.platform.TraceContext;
import org.waybill.platform.Tracing;

/**
 * The spans of what a customer does to an order after placing it. They continue the order's own trace (its
 * placement's), so that one trace shows the whole order, its cancellation included; the request that asked for it,
 * in a trace of its own, is linked. An order placed before tracing continues the request's trace instead.
 */
final class OrderTrace {
    private OrderTrace() {
    }

    static Span continued(Tracer tracer, String name, Order order) {
        SpanContext orderTrace = TraceContext.parse(order.traceparent());
        SpanContext request = Span.current().getSpanContext();
        var builder = tracer.spanBuilder(name).setAttribute(Tracing.ORDER_ID, order.id().toString());
        if (!orderTrace.isValid()) {
            return builder.startSpan();
        }
        builder.setParent(TraceContext.parentContext(orderTrace));
        if (request.isValid() && !request.getTraceId().equals(orderTrace.getTraceId())) {
            builder.addLink(request);
        }
        return builder.startSpan();
    }
}

package org.waybill.platform;

import org.jboss.logging.MDC;

/**
 * The order and trace the current thread works on, in the log context (MDC) that the server's log format prints
 * ({@code %X{orderId}} and {@code %X{traceId}}, server-config/wildfly/configure-tracing.cli), so that every line
 * written while an order is handled names both, whoever writes it. Closing it puts back what was there before: a
 * REST request that places an order, then a step within a step's transaction, nest.
 * <p>
 * The log's escaping filter sees only a line's message, not the context the format prints beside it, and an order id
 * may come from a foreign message: a value that is not plain text is left out (the line still has its message).
 */
public final class LogContext implements AutoCloseable {
    public static final String ORDER_ID = "orderId";
    public static final String TRACE_ID = "traceId";

    private final Object previousOrder;
    private final Object previousTrace;

    private LogContext(String orderId, String traceId) {
        previousOrder = MDC.get(ORDER_ID);
        previousTrace = MDC.get(TRACE_ID);
        put(ORDER_ID, orderId);
        put(TRACE_ID, traceId);
    }

    /** @param orderId and traceId: null leaves that key as it is */
    public static LogContext of(String orderId, String traceId) {
        return new LogContext(orderId, traceId);
    }

    /** The trace of the span current on this thread, and the order. */
    public static LogContext ofOrder(Object orderId) {
        return new LogContext(orderId == null ? null : orderId.toString(),
                TraceContext.currentTraceId());
    }

    @Override
    public void close() {
        restore(ORDER_ID, previousOrder);
        restore(TRACE_ID, previousTrace);
    }

    private static void put(String key, String value) {
        if (value != null && PlainText.isPlain(value) && value.indexOf('\u2028') < 0 && value.indexOf('\u2029') < 0) {
            MDC.put(key, value);
        }
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}

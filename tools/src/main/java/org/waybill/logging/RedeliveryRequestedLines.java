package org.waybill.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * A filter on WildFly's log handlers (module org.waybill.logging, server-config/wildfly/configure-logging.cli) that
 * keeps a failed delivery attempt at the one line Waybill logs for it. Without a delivery transaction (the
 * at-least-once mode), a message-driven bean can have its message redelivered only by throwing
 * {@code org.waybill.messaging.RedeliveryRequested}, after logging the failure. Artemis's resource adapter then logs
 * it again as an error with its stack (AMQ154004) and warns that it resets the session (AMQ212009). This drops both,
 * and only for that exception: any other delivery error keeps its lines.
 *
 * <p>Both records come from the adapter's thread, the reset right after the error. One filter instance may serve
 * several handlers, each judging the same record in turn, so the reset is recognised by the record itself once it has
 * been dropped, not only by the error before it.
 */
public final class RedeliveryRequestedLines implements Filter {
    static final String REDELIVERY_REQUESTED = "org.waybill.messaging.RedeliveryRequested";
    private static final String DELIVERY_ERROR = "AMQ154004";
    private static final String SESSION_RESET = "AMQ212009";

    private final ThreadLocal<Boolean> afterDroppedError = ThreadLocal.withInitial(() -> false);
    private final ThreadLocal<LogRecord> droppedReset = new ThreadLocal<>();

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message == null) {
            return true;
        }
        if (message.startsWith(DELIVERY_ERROR)) {
            boolean requested = causedByRedeliveryRequested(record.getThrown());
            afterDroppedError.set(requested);
            return !requested;
        }
        if (message.startsWith(SESSION_RESET)) {
            if (record == droppedReset.get()) {
                return false;
            }
            if (afterDroppedError.get()) {
                afterDroppedError.set(false);
                droppedReset.set(record);
                return false;
            }
        }
        return true;
    }

    private static boolean causedByRedeliveryRequested(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(REDELIVERY_REQUESTED)) {
                return true;
            }
        }
        return false;
    }
}

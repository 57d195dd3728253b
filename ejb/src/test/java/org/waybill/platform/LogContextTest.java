package org.waybill.platform;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LogContextTest {
    @Test
    void theOrderAndTraceAreInTheLogContextUntilClosedAndNestedOnesGiveBackTheOuter() {
        try (LogContext outer = LogContext.of("order-1", "trace-1")) {
            try (LogContext inner = LogContext.of("order-2", null)) {
                assertEquals("order-2", MDC.get(LogContext.ORDER_ID));
                assertEquals("trace-1", MDC.get(LogContext.TRACE_ID), "null leaves the outer one");
            }
            assertEquals("order-1", MDC.get(LogContext.ORDER_ID));
        }
        assertNull(MDC.get(LogContext.ORDER_ID));
        assertNull(MDC.get(LogContext.TRACE_ID));
    }

    /** The log's escaping filter never sees the context: a foreign message's aggregate id must not forge a line. */
    @Test
    void textThatIsNotPlainStaysOutOfTheLogContext() {
        for (String forged : new String[] {"x\n2026-01-01 INFO forged", "x\u001b[31m", "x\u2028y"}) {
            try (LogContext log = LogContext.of(forged, "trace")) {
                assertNull(MDC.get(LogContext.ORDER_ID), forged);
                assertEquals("trace", MDC.get(LogContext.TRACE_ID));
            }
        }
    }
}

package org.waybill.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceContextTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void theCurrentSpanIsWrittenAsItsTraceparentAndReadBack() {
        SpanContext writer = SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());
        String traceparent;
        try (Scope current = Span.wrap(writer).makeCurrent()) {
            traceparent = TraceContext.currentTraceparent();
        }
        assertEquals("00-" + TRACE + "-" + SPAN + "-01", traceparent);
        SpanContext read = TraceContext.parse(traceparent);
        assertTrue(read.isValid());
        assertTrue(read.isRemote(), "a parent from elsewhere");
        assertEquals(TRACE, read.getTraceId());
        assertEquals(SPAN, read.getSpanId());
        assertEquals(TRACE, TraceContext.traceId(traceparent));
    }

    @Test
    void withoutASpanThereIsNoTraceparent() {
        assertNull(TraceContext.currentTraceparent());
    }

    @Test
    void anUnsampledTraceIsCarriedOnToo() {
        assertEquals(TRACE, TraceContext.traceId("00-" + TRACE + "-" + SPAN + "-00"));
    }

    /** What a foreign sender or a broken client may put on a message: none of it is a parent, and none of it throws. */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "garbage", "00-" + TRACE + "-" + SPAN, "00-" + TRACE + "-" + SPAN + "-0",
            "00-00000000000000000000000000000000-" + SPAN + "-01", "00-" + TRACE + "-0000000000000000-01",
            "ff-" + TRACE + "-" + SPAN + "-01", "00-" + TRACE + "x-" + SPAN + "-01", "00_" + TRACE + "_" + SPAN + "_01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-" + SPAN + "-01", "00-" + TRACE + "-" + SPAN + "-01\n",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01"})
    void anythingElseIsNoParentAndNoTraceId(String traceparent) {
        assertFalse(TraceContext.parse(traceparent).isValid(), traceparent);
        assertNull(TraceContext.traceId(traceparent));
        assertFalse(Span.fromContext(TraceContext.parentContext(TraceContext.parse(traceparent))).getSpanContext().isValid(),
                "a new trace");
    }
}

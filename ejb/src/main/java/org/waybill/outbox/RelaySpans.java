package org.waybill.outbox;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.waybill.events.EventEnvelope;
import org.waybill.platform.TraceContext;
import org.waybill.platform.Tracing;

import java.time.Instant;
import java.util.List;

/**
 * What the relay did to each traced event, as a PRODUCER span in the event's trace, once its batch committed: a child
 * of the span that wrote the event, from the moment it was written to the moment the broker had it (the time it
 * spent in the outbox, the publish latency the meters count too). The message carries the writer's traceparent, not
 * this span's, so a consumer's span is the writer's child, as is this one: the relay adds time to the trace, not a
 * link in its chain. Rows without a traceparent (written before tracing, or with it off) get none.
 */
@ApplicationScoped
public class RelaySpans {
    @Inject
    Tracing tracing;

    void published(List<OutboxEvent> rows, Instant at) {
        for (OutboxEvent row : rows) {
            SpanContext writer = TraceContext.parse(row.traceparent());
            if (!writer.isValid()) {
                continue;
            }
            EventEnvelope event = row.envelope();
            tracing.tracer().spanBuilder("outbox relay publish " + event.type().name())
                    .setSpanKind(SpanKind.PRODUCER)
                    .setParent(TraceContext.parentContext(writer))
                    .setStartTimestamp(event.occurredAt())
                    .setAttribute(Tracing.ORDER_ID, event.aggregateId())
                    .setAttribute(Tracing.EVENT_TYPE, event.type().name())
                    .setAttribute(Tracing.MESSAGE_ID, event.eventId().toString())
                    .setAttribute(Tracing.DESTINATION, row.destination())
                    .setAttribute(Tracing.MESSAGING_SYSTEM, Tracing.ARTEMIS)
                    .setAttribute(Tracing.OPERATION, "publish")
                    .startSpan()
                    .end(at);
        }
    }
}

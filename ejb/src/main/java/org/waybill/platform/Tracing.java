package org.waybill.platform;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * Waybill's tracer, from the OpenTelemetry that WildFly's opentelemetry subsystem gives the deployment (its SDK,
 * sampler and OTLP exporter: server-config/wildfly/configure-tracing.cli). A server without that subsystem gets a
 * tracer that records nothing: then no trace ids are written, and everything else works as before.
 */
@ApplicationScoped
public class Tracing {
    private static final Logger LOG = Logger.getLogger(Tracing.class.getName());
    static final String INSTRUMENTATION = "org.waybill";

    /** The order a span works on: every span of Waybill's has it. */
    public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("waybill.order.id");
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("waybill.event.type");
    /** The consumer that took the event, as in the inbox and the step statistics. */
    public static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("waybill.consumer");
    /** What became of a delivery: processed, duplicate, held, failed, parked (as the step meters count it). */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("waybill.step.outcome");
    /** OpenTelemetry's messaging conventions: the event id, the queue or address, the operation. */
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    public static final String ARTEMIS = "activemq";

    @Inject
    Instance<OpenTelemetry> openTelemetry;

    /** Records nothing until the server's OpenTelemetry is found (and for good without it). */
    private Tracer tracer = OpenTelemetry.noop().getTracer(INSTRUMENTATION);

    @PostConstruct
    void started() {
        if (openTelemetry.isResolvable()) {
            tracer = openTelemetry.get().getTracer(INSTRUMENTATION);
        } else {
            LOG.warning("No OpenTelemetry from the server (its opentelemetry subsystem is missing): orders are not traced");
        }
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Marks a span failed by that exception: its class names the status, the exception event holds the rest. */
    public static void failed(Span span, Throwable e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    }
}

package org.waybill.it;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receiver against the OpenTelemetry SDK's own OTLP/HTTP exporter: the protobuf encoding WildFly's exporter
 * shares with it (opentelemetry-exporter-otlp-common), gzip-compressed as WildFly sends it, or not.
 */
class OtlpReceiverTest {
    private OtlpReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = OtlpReceiver.start(0);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "none"})
    void decodesSpansAsTheSdkExporterSendsThem(String compression) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), "waybill-test"))))
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
                        .setEndpoint(receiver.endpoint() + "/v1/traces").setCompression(compression)
                        // Else it reports its own meters through GlobalOpenTelemetry, which this JVM does not set.
                        .setMeterProvider(MeterProvider::noop).build()))
                .build();
        Tracer tracer = provider.get("waybill-test");
        Span request = tracer.spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER).startSpan();
        Span step;
        try (Scope ignored = request.makeCurrent()) {
            step = tracer.spanBuilder("payment receive").setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("waybill.order_id", "o-42").setAttribute("messaging.batch.message_count", 3L)
                    .startSpan();
            step.end();
        }
        request.end();
        provider.forceFlush().join(10, TimeUnit.SECONDS);
        provider.close();

        List<OtlpReceiver.ReceivedSpan> spans = receiver.awaitSpans("both spans", s -> s.size() == 2,
                Duration.ofSeconds(10));
        // Each span is its own export request, so they may arrive in either order.
        String traceId = request.getSpanContext().getTraceId();
        assertEquals(Set.of(
                new OtlpReceiver.ReceivedSpan("waybill-test", traceId, request.getSpanContext().getSpanId(), "",
                        "POST /orders", "SERVER", Map.of()),
                new OtlpReceiver.ReceivedSpan("waybill-test", traceId, step.getSpanContext().getSpanId(),
                        request.getSpanContext().getSpanId(), "payment receive", "CONSUMER",
                        Map.of("waybill.order_id", "o-42", "messaging.batch.message_count", "3"))),
                Set.copyOf(spans));
        assertEquals(spans, receiver.spansOf(traceId));
        assertEquals(List.of(), receiver.spansOf("0af7651916cd43dd8448eb211c80319c"));
    }

    @Test
    void awaitingFailsWithWhatArrived() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> receiver.awaitSpans("a span", s -> !s.isEmpty(), Duration.ofMillis(300)));
        assertTrue(failure.getMessage().contains("waiting for a span; last seen: []"), failure.getMessage());
    }

    @Test
    void refusesWhatIsNotAnOtlpProtobufPost() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI traces = URI.create(receiver.endpoint() + "/v1/traces");
        assertEquals(405, http.send(HttpRequest.newBuilder(traces).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(415, http.send(HttpRequest.newBuilder(traces).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode());
        assertEquals(400, http.send(HttpRequest.newBuilder(traces).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0x01})).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(List.of(), receiver.spans());
    }
}

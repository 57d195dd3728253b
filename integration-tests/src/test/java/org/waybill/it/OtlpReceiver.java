package org.waybill.it;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A trace collector for the tests, in the test JVM: takes the spans WildFly's OpenTelemetry exporter sends over
 * OTLP/HTTP with protobuf bodies (POST /v1/traces, gzip or not) on a loopback port and keeps them. Metrics and logs
 * sent to the same endpoint are accepted and dropped, so an exporter left on for them logs no failures.
 * No collector exists on the build machines; this is the other end of the wire.
 */
public final class OtlpReceiver implements AutoCloseable {
    private static final String PROTOBUF = "application/x-protobuf";

    /**
     * One received span. Ids are lower-case hex as in W3C traceparent; parentSpanId is empty for a root span;
     * kind is the OTLP kind without its prefix (SERVER, CONSUMER, ...); attribute values are shown as text.
     */
    public record ReceivedSpan(String serviceName, String traceId, String spanId, String parentSpanId, String name,
                               String kind, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new ArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    /** Listens on the loopback interface; port 0 picks a free one. */
    public static OtlpReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", receiver::traces);
        server.createContext("/v1/metrics", OtlpReceiver::drop);
        server.createContext("/v1/logs", OtlpReceiver::drop);
        server.start();
        return receiver;
    }

    /** The base URL an OTLP/HTTP exporter is given (it appends /v1/traces itself). */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** Every span received so far, in arrival order. */
    public synchronized List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The spans received so far of one trace. */
    public List<ReceivedSpan> spansOf(String traceId) {
        return spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /**
     * Waits until the spans received so far satisfy done (exporters send in batches, seconds after a span ends) and
     * returns them; fails with what was received when the timeout passes.
     */
    public List<ReceivedSpan> awaitSpans(String what, Predicate<List<ReceivedSpan>> done, Duration timeout) {
        return Eventually.await(what, timeout, this::spans, done);
    }

    /** Forgets the spans received so far. */
    public synchronized void clear() {
        spans.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void traces(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!accepted(exchange)) {
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body(exchange));
            } catch (InvalidProtocolBufferException e) {
                respond(exchange, 400, ("not an OTLP ExportTraceServiceRequest: " + e.getMessage()).getBytes(), "text/plain");
                return;
            }
            List<ReceivedSpan> received = decode(request);
            synchronized (this) {
                spans.addAll(received);
            }
            respond(exchange, 200, ExportTraceServiceResponse.getDefaultInstance().toByteArray(), PROTOBUF);
        }
    }

    private static void drop(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (accepted(exchange)) {
                body(exchange).readAllBytes();
                // An empty body is the empty Export*ServiceResponse: all accepted.
                respond(exchange, 200, new byte[0], PROTOBUF);
            }
        }
    }

    /** Only what WildFly's exporter sends: POST with a protobuf body (OTLP/HTTP's JSON encoding is not spoken here). */
    private static boolean accepted(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "POST only".getBytes(), "text/plain");
            return false;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith(PROTOBUF)) {
            respond(exchange, 415, ("expected " + PROTOBUF + ", got " + type).getBytes(), "text/plain");
            return false;
        }
        return true;
    }

    private static InputStream body(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(exchange.getRequestBody())
                : exchange.getRequestBody();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static List<ReceivedSpan> decode(ExportTraceServiceRequest request) {
        List<ReceivedSpan> decoded = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String service = serviceName(resourceSpans.getResource());
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (var span : scopeSpans.getSpansList()) {
                    decoded.add(new ReceivedSpan(service, hex(span.getTraceId()), hex(span.getSpanId()),
                            hex(span.getParentSpanId()), span.getName(),
                            span.getKind().name().replaceFirst("^SPAN_KIND_", ""), attributes(span.getAttributesList())));
                }
            }
        }
        return decoded;
    }

    private static String serviceName(Resource resource) {
        return attributes(resource.getAttributesList()).getOrDefault("service.name", "");
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        return keyValues.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> text(kv.getValue()),
                (first, second) -> second, LinkedHashMap::new));
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> hex(value.getBytesValue());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpReceiver::text)
                    .collect(Collectors.joining(",", "[", "]"));
            case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList()).toString();
            case VALUE_NOT_SET -> "";
        };
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}

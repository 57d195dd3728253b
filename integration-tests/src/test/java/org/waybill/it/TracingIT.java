package org.waybill.it;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.ServerLog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * One trace per order: the REST call that places it, every event it goes through (stored with the traceparent of
 * the span that wrote it, carried on its message) and every step that takes one, to the e-mail; the order shows its
 * trace id, the spans WildFly exports link parent to child, and the server log's lines of each step name the order
 * and the trace.
 */
@ArquillianTest
class TracingIT {
    private static final String TRACEPARENT = "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$";

    /** A line each step writes for the order, by step: a pattern, %s the order id. */
    private static final Map<String, String> STEP_LINES = Map.of(
            "ordering (REST)", "Order %s placed by",
            "inventory", "Stock reserved for order %s",
            "payment", "\\[org\\.waybill\\.payment\\.PaymentService\\] .* Charged .+ for order %s",
            "shipping", "Shipment of order %s scheduled",
            "notification", "Receipt of order %s written",
            "email", "Receipt of order %s sent",
            "ordering", "Order %s COMPLETED");

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void everyEventAndMessageOfAnOrderCarriesTheTraceItsRepresentationShows() throws Exception {
        List<Message> published = new ArrayList<>();
        String id;
        // An outside subscriber's view of waybill.events: what the relay put on each message of the order.
        try (JMSContext subscriber = Broker.subscriberConnectionFactory().createContext();
             JMSConsumer events = subscriber.createConsumer(subscriber.createTopic("waybill.events"))) {
            subscriber.start();
            id = Orders.place("tracing", "tok_sandbox", "WB-MUG-01:1");
            Orders.awaitStatus(id, "COMPLETED");
            Orders.awaitPublished(id);
            for (Message m = events.receive(10_000); m != null; m = events.receive(2_000)) {
                if (id.equals(m.getStringProperty("aggregateId"))) {
                    published.add(m);
                }
            }
        }
        String traceId = Orders.get(id).getString("traceId");
        assertTrue(traceId.matches("[0-9a-f]{32}") && !traceId.matches("0+"), "a W3C trace id: " + traceId);

        assertEquals(Orders.HAPPY_PATH, List.of(db().text("SELECT string_agg(event_type, ',' ORDER BY id) "
                + "FROM event_history WHERE aggregate_id = ?", id).split(",")));
        assertEquals(0, db().number("SELECT count(*) FROM event_history WHERE aggregate_id = ? AND "
                + "(traceparent IS NULL OR traceparent !~ '" + TRACEPARENT + "')", id), "every event has its traceparent");
        assertEquals(traceId, db().text("SELECT string_agg(DISTINCT substr(traceparent, 4, 32), ',') FROM event_history "
                + "WHERE aggregate_id = ?", id), "one trace, the order's");
        assertEquals(7, db().number("SELECT count(DISTINCT traceparent) FROM event_history WHERE aggregate_id = ?", id),
                "each event names the span that wrote it");

        // Every event on waybill.events (not the e-mail work, which goes to its queue) reached the subscriber.
        assertEquals(Orders.HAPPY_PATH.stream().filter(t -> !t.equals("notification.email-requested")).toList(),
                published.stream().map(TracingIT::type).toList());
        for (Message m : published) {
            String stored = db().text("SELECT traceparent FROM event_history WHERE event_id = ?::uuid",
                    m.getStringProperty("eventId"));
            assertEquals(stored, m.getStringProperty("traceparent"), type(m) + " carries its row's traceparent");
        }
    }

    /** Every delivery of an order that goes through every step: (consumer, event type). */
    private static final List<List<String>> DELIVERIES = List.of(
            List.of("inventory", "order.created"), List.of("payment", "order.created"), List.of("shipping", "order.created"),
            List.of("ordering", "inventory.reserved"), List.of("payment", "inventory.reserved"),
            List.of("ordering", "payment.charged"), List.of("shipping", "payment.charged"),
            List.of("ordering", "shipment.scheduled"), List.of("notification", "shipment.scheduled"),
            List.of("email", "notification.email-requested"), List.of("ordering", "notification.sent"));

    /**
     * The spans WildFly exported for the order (to the tests' receiver): the REST request's SERVER span is the root,
     * the placement its child; each delivery is a CONSUMER span whose parent is the span that wrote its event (the
     * placement, or the step before), and the relay's PRODUCER span of each event is a child of that writer too.
     */
    @Test
    void theSpansOfEveryStepLinkParentToChildInTheOrdersTrace() {
        String id = Orders.place("tracing", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(id, "COMPLETED");
        Orders.awaitPublished(id);
        String traceId = Orders.get(id).getString("traceId");
        List<OtlpReceiver.ReceivedSpan> spans = TestStack.otlp().awaitSpans("the spans of order " + id,
                received -> received.stream().filter(span -> span.traceId().equals(traceId)
                        && span.kind().equals("CONSUMER")).count() >= DELIVERIES.size()
                        && received.stream().filter(span -> span.traceId().equals(traceId)
                        && span.kind().equals("PRODUCER")).count() >= Orders.HAPPY_PATH.size(),
                Duration.ofSeconds(30)).stream().filter(span -> span.traceId().equals(traceId)).toList();
        Map<String, OtlpReceiver.ReceivedSpan> byId = spans.stream()
                .collect(java.util.stream.Collectors.toMap(OtlpReceiver.ReceivedSpan::spanId, span -> span));

        OtlpReceiver.ReceivedSpan request = spans.stream().filter(span -> span.kind().equals("SERVER")).findFirst()
                .orElseThrow(() -> new AssertionError("no REST span in " + spans));
        assertEquals("", request.parentSpanId(), "the request is the trace's root");
        OtlpReceiver.ReceivedSpan placement = one(spans, span -> span.name().equals("ordering place order"));
        assertEquals(request.spanId(), placement.parentSpanId());
        assertEquals(id, placement.attributes().get("waybill.order.id"));
        for (OtlpReceiver.ReceivedSpan span : spans) {
            assertEquals("waybill", span.serviceName());
            assertTrue(span == request || byId.containsKey(span.parentSpanId()), "every span's parent is in the "
                    + "order's trace: " + span);
        }

        for (String event : Orders.HAPPY_PATH) {
            String eventId = db().text("SELECT event_id::text FROM event_history WHERE aggregate_id = ? AND event_type = ?",
                    id, event);
            String writer = db().text("SELECT substr(traceparent, 37, 16) FROM event_history WHERE event_id = ?::uuid",
                    eventId);
            assertTrue(byId.containsKey(writer), event + "'s writer is a span of the trace");
            OtlpReceiver.ReceivedSpan published = one(spans, span -> span.kind().equals("PRODUCER")
                    && eventId.equals(span.attributes().get("messaging.message.id")));
            assertEquals(writer, published.parentSpanId(), "the relay's span of " + event);
            for (List<String> delivery : DELIVERIES.stream().filter(d -> d.get(1).equals(event)).toList()) {
                // An attempt held for an earlier event would be a span of its own; the one that did the step is one.
                OtlpReceiver.ReceivedSpan consumed = one(spans, span -> span.kind().equals("CONSUMER")
                        && eventId.equals(span.attributes().get("messaging.message.id"))
                        && delivery.get(0).equals(span.attributes().get("waybill.consumer"))
                        && "processed".equals(span.attributes().get("waybill.step.outcome")));
                assertEquals(writer, consumed.parentSpanId(), delivery + ": a child of the span that wrote the event");
                assertEquals(id, consumed.attributes().get("waybill.order.id"));
                assertEquals(event, consumed.attributes().get("waybill.event.type"));
            }
        }
    }

    private static OtlpReceiver.ReceivedSpan one(List<OtlpReceiver.ReceivedSpan> spans,
                                                 java.util.function.Predicate<OtlpReceiver.ReceivedSpan> which) {
        List<OtlpReceiver.ReceivedSpan> found = spans.stream().filter(which).toList();
        assertEquals(1, found.size(), "one such span in " + spans);
        return found.get(0);
    }

    @Test
    void aLineOfEveryStepInTheServerLogNamesTheOrderAndItsTrace() {
        String id = Orders.place("tracing", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(id, "COMPLETED");
        String traceId = Orders.get(id).getString("traceId");
        String context = "[" + id + " " + traceId + "]";
        Path log = TestStack.stack().settings().home().resolve("wildfly/standalone/log/server.log");
        // The e-mail's line follows notification.sent's commit; ordering's may come a moment after the status.
        List<String> lines = Eventually.await("a line of every step of " + id, Duration.ofSeconds(30),
                () -> linesOf(log).stream().filter(l -> l.contains(id)).toList(),
                found -> STEP_LINES.values().stream().allMatch(line -> found.stream().anyMatch(l -> says(l, line, id))));
        STEP_LINES.forEach((step, line) -> {
            String written = lines.stream().filter(l -> says(l, line, id)).findFirst().orElseThrow();
            assertTrue(written.contains(context), step + "'s line names the order and the trace: " + written);
        });
        for (String line : lines) {
            assertTrue(line.contains(context), "every line about the order: " + line);
        }
    }

    /**
     * A message from outside with a traceparent that is not W3C's is not refused for it: its step runs in a trace of
     * its own and says so. Poison parked in its dead-letter queue keeps the traceparent it came with.
     */
    @Test
    void aForeignTraceparentStartsANewTraceAndAParkedMessageKeepsItsOwn() throws Exception {
        String unknownOrder = UUID.randomUUID().toString();
        String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            Message poison = Broker.envelope(context.createTextMessage("{\"hello\":1}"), "order.created", unknownOrder);
            poison.setIntProperty("eventVersion", 7);
            poison.setStringProperty("traceparent", traceparent);
            context.createProducer().send(context.createTopic("waybill.events::waybill.events.inventory"), poison);
        }
        Message parked = Eventually.await("the poison parked", Duration.ofSeconds(30),
                () -> Broker.parked("waybill.events.inventory", "aggregateId = '" + unknownOrder + "'"),
                m -> !m.isEmpty()).get(0);
        assertEquals(traceparent, parked.getStringProperty("traceparent"));

        String garbled = "garbage-" + UUID.randomUUID();
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            Message foreign = Broker.envelope(context.createTextMessage("{\"hello\":1}"), "order.created", garbled);
            foreign.setIntProperty("eventVersion", 7);
            foreign.setStringProperty("traceparent", garbled);
            context.createProducer().send(context.createTopic("waybill.events::waybill.events.inventory"), foreign);
        }
        Path log = TestStack.stack().settings().home().resolve("wildfly/standalone/log/server.log");
        String line = Eventually.await("the new trace logged", Duration.ofSeconds(30),
                () -> linesOf(log).stream().filter(l -> l.contains("starts a new trace") && l.contains(garbled))
                        .findFirst().orElse(null), l -> l != null);
        assertTrue(line.contains("[" + garbled + " "), "its line names the order: " + line);
        Eventually.await("the foreign message parked all the same (for its unknown version)", Duration.ofSeconds(30),
                () -> Broker.parked("waybill.events.inventory", "aggregateId = '" + garbled + "'"), m -> !m.isEmpty());
    }

    private static boolean says(String line, String pattern, String id) {
        return Pattern.compile(String.format(pattern, Pattern.quote(id))).matcher(line).find();
    }

    private static String type(Message m) {
        try {
            return m.getStringProperty("eventType");
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> linesOf(Path log) {
        return ServerLog.lines(log);
    }
}

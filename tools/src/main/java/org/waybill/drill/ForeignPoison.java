package org.waybill.drill;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.waybill.load.Load;
import org.waybill.load.OwnStack;
import org.waybill.stack.StackSettings;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * An outside client (the Artemis core JMS client, signed in as the broker's admin, as an integrator's tool would)
 * sending messages Waybill did not write, one of each kind, in a seeded order, to the event address and straight to
 * the consumers' queues. Each must end in the dead-letter queue of the queue named here, with a reason, and nothing
 * of the workflow may notice. Each carries a fresh aggregateId, by which the dead-letter list finds it.
 */
final class ForeignPoison {
    /** One foreign message: what is wrong with it, where it went, in which queue's DLQ it must end. */
    record Sent(String kind, String aggregateId, String sentTo, String parkedFrom) {
    }

    private interface Body {
        Message create(JMSContext context, String order) throws JMSException;
    }

    /** A kind of foreign message: its event type (null: none), body, target, and the queue that must park it. */
    private record Kind(String name, String eventType, boolean correlated, Body body, String queue, boolean toAddress) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<Kind> KINDS = List.of(
            new Kind("no eventType", null, true, (c, o) -> c.createTextMessage("{\"orderId\":\"" + o + "\"}"),
                    "waybill.events.unmatched", true),
            new Kind("unknown event type", "order.teleported", true, (c, o) -> c.createTextMessage("{\"orderId\":\"" + o + "\"}"),
                    "waybill.events.unmatched", true),
            new Kind("required payload fields missing", "inventory.reserved", true,
                    (c, o) -> c.createTextMessage("{\"orderId\":\"" + o + "\"}"), "waybill.events.payment", false),
            new Kind("binary body", "order.created", true, (c, o) -> {
                BytesMessage m = c.createBytesMessage();
                m.writeBytes(new byte[]{0, 1, 2, (byte) 0xff, 'w', 'b'});
                return m;
            }, "waybill.events.inventory", false),
            new Kind("body not JSON", "shipment.scheduled", true, (c, o) -> c.createTextMessage("carrier=ACME; not {json"),
                    "waybill.events.notification", false),
            new Kind("no correlation id", "order.cancellation-requested", false,
                    (c, o) -> c.createTextMessage("{\"orderId\":\"" + o + "\",\"reason\":\"changed my mind\"}"),
                    "waybill.events.inventory", false),
            new Kind("event for an unknown order", "payment.declined", true,
                    (c, o) -> c.createTextMessage("{\"orderId\":\"" + o + "\",\"amount\":12.50,\"reason\":\"card expired\"}"),
                    "waybill.events.ordering", false),
            new Kind("e-mail work for an unknown notification", "notification.email-requested", true,
                    (c, o) -> c.createTextMessage("{\"notificationId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + o + "\"}"),
                    "waybill.email", false));

    private final OwnStack own;
    private final Random random;
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    /** aggregateId -> the reason it was first seen parked with. */
    private final Map<String, String> seenParked = new LinkedHashMap<>();

    ForeignPoison(OwnStack own, Random random) {
        this.own = own;
        this.random = random;
    }

    /**
     * Sends one message of each kind, in a seeded order. A kind the broker does not take (it is down: the drill
     * stops and kills it) is sent again until it does, for up to 2 minutes.
     */
    void send() throws JMSException {
        List<Kind> kinds = new ArrayList<>(KINDS);
        Collections.shuffle(kinds, random);
        for (Kind kind : kinds) {
            String order = new UUID(random.nextLong(), random.nextLong()).toString();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                try {
                    sent.add(send(kind, order));
                    break;
                } catch (JMSException | RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Load.sleep(1_000);
                }
            }
        }
    }

    private Sent send(Kind kind, String order) throws JMSException {
        StackSettings s = own.settings();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(s.brokerUrl(), s.consoleUser().user(),
                s.consoleUser().password()); JMSContext context = factory.createContext()) {
            Message m = kind.body().create(context, order);
            if (kind.eventType() != null) {
                m.setStringProperty("eventType", kind.eventType());
            }
            m.setStringProperty("eventId", UUID.randomUUID().toString());
            m.setIntProperty("eventVersion", 1);
            m.setStringProperty("aggregateType", "order");
            m.setStringProperty("aggregateId", order);
            m.setStringProperty("occurredAt", Instant.now().toString());
            if (kind.correlated()) {
                m.setJMSCorrelationID(order);
            }
            boolean email = kind.queue().equals("waybill.email");
            String to = kind.toAddress() ? "waybill.events" : email ? kind.queue() : "waybill.events::" + kind.queue();
            Destination destination = email ? context.createQueue(to) : context.createTopic(to);
            context.createProducer().send(destination, m);
            return new Sent(kind.name(), order, to, kind.queue());
        }
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /**
     * Waits until every foreign message has been seen in its dead-letter queue with a reason (the operators' list,
     * {@code GET /api/dead-letters/{queue}}); returns how long that took, or null. One the broker dead-lettered may
     * later be re-driven and come back; it was seen parked, which is what counts.
     */
    Duration awaitParked(Duration timeout) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < timeout.toNanos()) {
            for (Sent s : sent()) {
                if (!seenParked.containsKey(s.aggregateId())) {
                    letters(s.parkedFrom()).stream().filter(l -> s.aggregateId().equals(l.getString("aggregateId", null)))
                            .map(l -> l.getString("reason", "")).filter(r -> !r.isBlank()).findFirst()
                            .ifPresent(reason -> seenParked.put(s.aggregateId(), reason));
                }
            }
            if (seenParked.size() == sent.size()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Load.sleep(2_000);
        }
        return null;
    }

    /** The reason each foreign message was parked with, or null if it was never seen parked. */
    String reason(Sent s) {
        return seenParked.get(s.aggregateId());
    }

    /** The operators' list of one queue's dead letters. */
    List<JsonObject> letters(String queue) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(own.api() + "/dead-letters/" + queue))
                .timeout(Duration.ofSeconds(30)).header("Authorization", own.operatorCredentials()).GET().build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET /dead-letters/" + queue + " answered " + r.statusCode() + ": " + r.body());
            }
            try (var reader = Json.createReader(new StringReader(r.body()))) {
                return reader.readArray().getValuesAs(JsonObject.class);
            }
        } catch (IOException e) {
            throw new IllegalStateException("GET /dead-letters/" + queue + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

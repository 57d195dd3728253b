package org.waybill.it;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an outside client of the broker can send to the event address and to each consumer's queue, shape by shape:
 * each is parked at once (first delivery) in its queue's dead-letter queue with a reason that names what is wrong,
 * keeps its body and properties as they came, and the dead-letter tools list, retry and discard it.
 */
@ArquillianTest
class HostileMessagesIT {
    private static final String INVENTORY = "waybill.events.inventory";

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    /** A class WildFly does not have: deserializing it there would fail, and must not even be tried. */
    record Gadget(String command) implements Serializable {
    }

    @Test
    void anObjectMessageOfAForeignClassIsParkedAtOnceWithItsSerializedBytes() throws Exception {
        String order = UUID.randomUUID().toString();
        String fuzzCase = send(INVENTORY, (context, o) -> context.createObjectMessage(new Gadget("calc.exe")),
                "order.created", order);
        Message parked = awaitParked(INVENTORY, fuzzCase);
        assertEquals("org.waybill.events.UnprocessableEventException: object message of class "
                + Gadget.class.getName() + " is not accepted; events are JSON text", parked.getStringProperty("deadLetterReason"));
        assertEquals(1, parked.getIntProperty("deliveryAttempts"), "parked at the first delivery");
        assertArrayEquals(artemisBody(new Gadget("calc.exe")), coreBody(parked), "the serialized bytes as they came");
        assertEquals(new Gadget("calc.exe"), ((ObjectMessage) parked).getObject());

        JsonObject letter = awaitLetter(INVENTORY, parked, 0);
        assertEquals(200, Api.post("/dead-letters/" + INVENTORY + "/" + letter.getString("messageId") + "/retry", "").status());
        Message again = Eventually.await("the retried object message parked again", Duration.ofSeconds(30),
                () -> parked(INVENTORY, fuzzCase), m -> m != null && intProperty(m, "deadLetterRetries") == 1);
        assertArrayEquals(artemisBody(new Gadget("calc.exe")), coreBody(again), "a retry keeps the bytes too");
        JsonObject retried = awaitLetter(INVENTORY, again, 1);
        Api.Reply discarded = Api.post("/dead-letters/" + INVENTORY + "/" + retried.getString("messageId") + "/discard",
                "{\"reason\":\"a serialized object from outside\"}");
        assertEquals(200, discarded.status(), discarded.body());
    }

    /** One hostile shape: where it goes, how it is built from a valid event, and what its reason must say. */
    private record Shape(String name, String queue, String type, Builder message, Tamper tamper, String reason) {
    }

    @FunctionalInterface
    private interface Builder {
        Message build(JMSContext context, String order) throws Exception;
    }

    @FunctionalInterface
    private interface Tamper {
        void apply(Message message, String order) throws Exception;
    }

    private static Builder text(String json) {
        return (context, order) -> context.createTextMessage(json.replace("ORDER", order));
    }

    private static final String CREATED = "{\"orderId\":\"ORDER\",\"customerId\":\"fuzz\",\"lines\":[{\"sku\":\"WB-MUG-01\","
            + "\"quantity\":QTY,\"unitPrice\":PRICE}]}";

    private static Builder created(String quantity, String price) {
        return text(CREATED.replace("QTY", quantity).replace("PRICE", price));
    }

    private static final Builder VALID_CREATED = created("1", "12.50");
    private static final String ORDER_CREATED_SCHEMA = "does not match its schema schemas/events/order.created/v1.schema.json: $";
    private static final Tamper NONE = (m, order) -> { };

    private static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>(List.of(
                new Shape("eventVersion as text", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> m.setStringProperty("eventVersion", "1"), "eventVersion must be an integer property, not String"),
                new Shape("eventVersion not a number", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> m.setStringProperty("eventVersion", "one"), "eventVersion must be an integer property"),
                new Shape("eventVersion past int", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> m.setLongProperty("eventVersion", 1L << 40), "eventVersion must be an integer property"),
                new Shape("eventVersion as a double", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> m.setDoubleProperty("eventVersion", 1.0), "eventVersion must be an integer property"),
                new Shape("a future eventVersion", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> m.setIntProperty("eventVersion", 3), "does not handle order.created v3"),
                new Shape("aggregateType as bytes", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> ((ActiveMQMessage) m).getCoreMessage().putBytesProperty("aggregateType", new byte[] {1, 2}),
                        "aggregateType must be a string property, not byte[]"),
                new Shape("aggregateId not a UUID", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> m.setStringProperty("aggregateId", "order-" + o), "does not match aggregateId order-"),
                new Shape("aggregateId a number", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> m.setLongProperty("aggregateId", 42L), "aggregateId must be a string property, not Long"),
                new Shape("aggregateId huge", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> m.setStringProperty("aggregateId", o + "x".repeat(20_000)), "aggregateId is longer than 100"),
                new Shape("eventId in a form Java would normalise", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> m.setStringProperty("eventId", "1-1-1-1-1"), "eventId is not a UUID"),
                new Shape("eventId of 36 dashes", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> m.setStringProperty("eventId", "-".repeat(36)), "eventId is not a UUID"),
                new Shape("occurredAt unparseable", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> m.setStringProperty("occurredAt", "yesterday"), "malformed event envelope"),
                new Shape("a stream message", INVENTORY, "order.created", (context, order) -> {
                    StreamMessage stream = context.createStreamMessage();
                    stream.writeString(order);
                    stream.writeInt(7);
                    return stream;
                }, NONE, "not a text message: StreamMessage"),
                new Shape("duplicate keys", INVENTORY, "order.created",
                        text("{\"orderId\":\"" + UUID.randomUUID() + "\"," + CREATED.substring(1).replace("QTY", "1")
                                .replace("PRICE", "1")), NONE, "Duplicate key 'orderId'"),
                new Shape("text after the payload", INVENTORY, "order.created",
                        text(CREATED.replace("QTY", "1").replace("PRICE", "1") + " {\"more\":1}"), NONE, "is not one JSON value: Expected EOF token"),
                new Shape("nesting bomb", INVENTORY, "order.created",
                        text(CREATED.replace("QTY", "1").replace("PRICE", "1").replace("}]}", "}],\"x\":"
                                + "[".repeat(50_000) + "]".repeat(50_000) + "}")), NONE, "is not one JSON value"),
                new Shape("quantity 1e30", INVENTORY, "order.created", created("1e30", "1"), NONE,
                        ORDER_CREATED_SCHEMA + ": cannot be checked against the schema: 'DoubleNode' method `asLong()` cannot convert value 1.0E30"),
                new Shape("quantity 1.5", INVENTORY, "order.created", created("1.5", "1"), NONE,
                        ORDER_CREATED_SCHEMA + ".lines[0].quantity"),
                new Shape("negative quantity", INVENTORY, "order.created", created("-3", "1"), NONE,
                        ORDER_CREATED_SCHEMA + ".lines[0].quantity: must have a minimum value of 1"),
                new Shape("unitPrice 1e30", INVENTORY, "order.created", created("1", "1e30"), NONE,
                        ORDER_CREATED_SCHEMA + ".lines[0].unitPrice"),
                new Shape("negative unitPrice", INVENTORY, "order.created", created("1", "-1"), NONE,
                        ORDER_CREATED_SCHEMA + ".lines[0].unitPrice: must have a minimum value of 0"),
                new Shape("foreign dead-letter properties of another type", INVENTORY, "order.created", VALID_CREATED,
                        (m, o) -> {
                            m.setStringProperty("eventVersion", "x");
                            m.setStringProperty("deadLetterRetries", "many");
                            m.setBooleanProperty("deliveryAttempts", true);
                        }, "eventVersion must be an integer property")));
        // Well-formed events naming what was never written here: no retry makes it appear.
        shapes.add(new Shape("an order never placed, at ordering", "waybill.events.ordering", "shipment.failed",
                text("{\"orderId\":\"ORDER\",\"reason\":\"fuzz\"}"), NONE, "event for unknown order"));
        shapes.add(new Shape("an order never placed, at notification", "waybill.events.notification",
                "shipment.scheduled", text("{\"orderId\":\"ORDER\",\"carrier\":\"fuzz\",\"shipDate\":\""
                + LocalDate.now() + "\",\"trackingNumber\":\"T-1\"}"), NONE, "notification finds no order"));
        shapes.add(new Shape("a notification never written", "waybill.email", "notification.email-requested",
                text("{\"notificationId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"ORDER\"}"), NONE,
                "e-mail work names a notification never written"));
        // Another order than the aggregate id, in an otherwise valid event, at every consumer.
        String other = UUID.randomUUID().toString();
        String reason = "{\"orderId\":\"" + other + "\",\"reason\":\"fuzz\"}";
        for (String[] target : new String[][] {{INVENTORY, "order.cancellation-requested", reason},
                {"waybill.events.payment", "shipment.failed", reason},
                {"waybill.events.shipping", "order.cancellation-requested", reason},
                {"waybill.events.notification", "shipment.scheduled", "{\"orderId\":\"" + other + "\",\"carrier\":\"fuzz\","
                        + "\"shipDate\":\"" + LocalDate.now() + "\",\"trackingNumber\":\"T-1\"}"},
                {"waybill.events.ordering", "shipment.failed", reason},
                {"waybill.email", "notification.email-requested", "{\"orderId\":\"" + other + "\",\"notificationId\":\""
                        + UUID.randomUUID() + "\"}"}}) {
            shapes.add(new Shape("another order at " + target[0], target[0], target[1], text(target[2]), NONE,
                    "payload orderId " + other + " does not match aggregateId "));
            // The same event for its own order, with a property its schema does not declare: every consumer
            // checks the schema of the (type, version) before any work.
            shapes.add(new Shape("off its schema at " + target[0], target[0], target[1],
                    text(target[2].replace(other, "ORDER").replace("{", "{\"fuzz\":1,")), NONE,
                    "does not match its schema schemas/events/" + target[1] + "/v1.schema.json: $: property 'fuzz'"));
        }
        // Longer than the column its consumer stores it in: once retried until the broker dead-lettered it.
        shapes.add(new Shape("customer longer than its column, at payment", "waybill.events.payment", "order.created",
                text(CREATED.replace("QTY", "1").replace("PRICE", "1").replace("fuzz", "c".repeat(101))), NONE,
                "does not match its schema schemas/events/order.created/v1.schema.json: $.customerId"));
        return shapes;
    }

    @Test
    void everyHostileShapeIsParkedAtOnceWithItsReasonAndTheToolsWorkOnIt() throws Exception {
        List<Shape> shapes = shapes();
        List<String> cases = new ArrayList<>();
        List<Message> sent = new ArrayList<>();
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            for (Shape shape : shapes) {
                String order = UUID.randomUUID().toString();
                Message m = Broker.envelope(shape.message().build(context, order), shape.type(), order);
                shape.tamper().apply(m, order);
                String fuzzCase = UUID.randomUUID().toString();
                m.setStringProperty("fuzzCase", fuzzCase);
                context.createProducer().send(Broker.consumerQueue(context, shape.queue()), m);
                cases.add(fuzzCase);
                sent.add(m);
            }
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            Shape shape = shapes.get(i);
            String fuzzCase = cases.get(i);
            Message parked = Eventually.await(shape.name() + " parked", Duration.ofSeconds(60),
                    () -> parked(shape.queue(), fuzzCase), m -> m != null);
            String reason = parked.getStringProperty("deadLetterReason");
            if (reason == null || !reason.contains(shape.reason())) {
                failures.add(shape.name() + ": reason " + reason);
            } else if (intProperty(parked, "deliveryAttempts") != 1) {
                failures.add(shape.name() + ": parked after " + parked.getObjectProperty("deliveryAttempts") + " deliveries");
            }
            for (String property : List.of("eventVersion", "eventType", "aggregateType", "aggregateId", "eventId", "occurredAt",
                    "deadLetterRetries")) {
                Object before = sent.get(i).getObjectProperty(property);
                Object after = parked.getObjectProperty(property);
                if (!(before instanceof byte[] b ? after instanceof byte[] a && Arrays.equals(a, b) : Objects.equals(before, after))) {
                    failures.add(shape.name() + ": " + property + " was " + before + ", parked " + after);
                }
            }
            if (sent.get(i) instanceof TextMessage text && !text.getText().equals(((TextMessage) parked).getText())) {
                failures.add(shape.name() + ": body changed");
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));

        for (String queue : shapes.stream().map(Shape::queue).distinct().toList()) {
            Api.Reply list = Api.get("/dead-letters/" + queue);
            assertEquals(200, list.status(), queue + ": " + list.body());
        }
        // The tools take the shapes that carry odd types: a retry parks it again, a discard removes it.
        Shape odd = shapes.stream().filter(s -> s.name().startsWith("foreign dead-letter")).findFirst().orElseThrow();
        String oddCase = cases.get(shapes.indexOf(odd));
        JsonObject letter = awaitLetter(INVENTORY, parked(INVENTORY, oddCase), 0);
        Api.Reply retried = Api.post("/dead-letters/" + INVENTORY + "/" + letter.getString("messageId") + "/retry", "");
        assertEquals(200, retried.status(), retried.body());
        Message again = Eventually.await("the retried message parked again", Duration.ofSeconds(30),
                () -> parked(INVENTORY, oddCase), m -> m != null && intProperty(m, "deadLetterRetries") == 1);
        Api.Reply discarded = Api.post("/dead-letters/" + INVENTORY + "/" + awaitLetter(INVENTORY, again, 1)
                .getString("messageId") + "/discard", "{\"reason\":\"fuzz\"}");
        assertEquals(200, discarded.status(), discarded.body());
        // And a discard takes every other shape: no odd message may be stuck where the tools cannot reach it.
        for (int i = 0; i < shapes.size(); i++) {
            Shape shape = shapes.get(i);
            if (shape != odd) {
                JsonObject parkedLetter = awaitLetter(shape.queue(), parked(shape.queue(), cases.get(i)), 0);
                Api.Reply gone = Api.post("/dead-letters/" + shape.queue() + "/" + parkedLetter.getString("messageId")
                        + "/discard", "{\"reason\":\"fuzz\"}");
                assertEquals(200, gone.status(), shape.name() + ": " + gone.body());
            }
        }

        String id = Orders.place("hostile-messages", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(id, "COMPLETED");
    }

    private static String send(String queue, Builder builder, String type, String order) throws Exception {
        String fuzzCase = UUID.randomUUID().toString();
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            Message m = Broker.envelope(builder.build(context, order), type, order);
            m.setStringProperty("fuzzCase", fuzzCase);
            context.createProducer().send(Broker.consumerQueue(context, queue), m);
        }
        return fuzzCase;
    }

    private static Message awaitParked(String queue, String fuzzCase) {
        return Eventually.await("message " + fuzzCase + " parked in DLQ." + queue, Duration.ofSeconds(60),
                () -> parked(queue, fuzzCase), m -> m != null);
    }

    private static Message parked(String queue, String fuzzCase) {
        List<Message> found = Broker.parked(queue, "fuzzCase = '" + fuzzCase + "'");
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    /** The dead-letter list's entry for a parked message, found by its JMS message id. */
    private static JsonObject awaitLetter(String queue, Message parked, int retries) throws JMSException {
        String id = parked.getJMSMessageID().substring("ID:".length());
        return Eventually.await("dead letter " + id + " listed", Duration.ofSeconds(30), () -> {
            Api.Reply list = Api.get("/dead-letters/" + queue);
            assertEquals(200, list.status(), list.body());
            try (var reader = Json.createReader(new StringReader(list.body()))) {
                return reader.readArray().getValuesAs(JsonObject.class).stream()
                        .filter(l -> id.equals(l.getString("messageId", null))).findFirst().orElse(null);
            }
        }, l -> l != null && l.getInt("retries") == retries);
    }

    private static int intProperty(Message m, String name) {
        try {
            return m.getObjectProperty(name) instanceof Integer n ? n : -1;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Artemis' body of an object message: the length of the serialized object, then its bytes. */
    private static byte[] artemisBody(Serializable object) throws IOException {
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
            out.writeObject(object);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(body)) {
            out.writeInt(serialized.size());
            out.write(serialized.toByteArray());
        }
        return body.toByteArray();
    }

    private static byte[] coreBody(Message m) {
        assertNotNull(m);
        var body = ((ActiveMQMessage) m).getCoreMessage().getReadOnlyBodyBuffer();
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        return bytes;
    }
}

package org.waybill.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * Messages from producers Waybill did not write, as an integrator's client sends them: each is parked at once with
 * its reason, body and properties as they came, and the dead-letter tools work for every one of them.
 */
@ArquillianTest
class ForeignMessagesIT {
    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    /** For each consumed queue, an event it takes with only its orderId: every other field is missing. */
    private static final Map<String, String> INCOMPLETE = new LinkedHashMap<>();

    static {
        INCOMPLETE.put("waybill.events.inventory", "payment.declined");
        INCOMPLETE.put("waybill.events.payment", "inventory.reserved");
        INCOMPLETE.put("waybill.events.shipping", "payment.charged");
        INCOMPLETE.put("waybill.events.notification", "shipment.scheduled");
        INCOMPLETE.put("waybill.events.ordering", "inventory.rejected");
        INCOMPLETE.put("waybill.email", "notification.email-requested");
    }

    @Test
    void aPayloadMissingFieldsIsParkedAtOnceWithItsReasonAtEveryConsumer() throws Exception {
        Map<String, String> sent = new LinkedHashMap<>();
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            for (Map.Entry<String, String> target : INCOMPLETE.entrySet()) {
                String order = UUID.randomUUID().toString();
                Message m = Broker.envelope(context.createTextMessage("{\"orderId\":\"" + order + "\"}"),
                        target.getValue(), order);
                context.createProducer().send(Broker.consumerQueue(context, target.getKey()), m);
                sent.put(target.getKey(), order);
            }
        }
        for (Map.Entry<String, String> s : sent.entrySet()) {
            String queue = s.getKey();
            Message parked = awaitParked(queue, s.getValue());
            String reason = parked.getStringProperty("deadLetterReason");
            assertTrue(reason.startsWith("org.waybill.events.UnprocessableEventException: payload of ")
                    && reason.contains(" does not match its schema ") && reason.contains("required property"),
                    queue + ": " + reason);
            assertEquals(1, parked.getIntProperty("deliveryAttempts"), queue + ": parked at the first attempt, not retried");
            assertEquals(queue.equals("waybill.email") ? "email" : queue.substring("waybill.events.".length()),
                    parked.getStringProperty("deadLetterConsumer"));
        }
    }

    @Test
    void anEnvelopeWithoutCorrelationIdIsParkedAtOnce() throws Exception {
        String order = UUID.randomUUID().toString();
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            Message m = Broker.envelope(context.createTextMessage("{\"orderId\":\"" + order + "\",\"reason\":\"changed my mind\"}"),
                    "order.cancellation-requested", order);
            m.setJMSCorrelationID(null);
            context.createProducer().send(Broker.consumerQueue(context, "waybill.events.inventory"), m);
        }
        Message parked = awaitParked("waybill.events.inventory", order);
        assertTrue(parked.getStringProperty("deadLetterReason").contains("message has no JMSCorrelationID"),
                parked.getStringProperty("deadLetterReason"));
        assertEquals(1, parked.getIntProperty("deliveryAttempts"));
    }

    @Test
    void binaryMessagesAreParkedAndRetriedWithTheirBodyAndProperties() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xff, 'w', 'b'};
        String bytesOrder = UUID.randomUUID().toString();
        String mapOrder = UUID.randomUUID().toString();
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            BytesMessage binary = context.createBytesMessage();
            binary.writeBytes(bytes);
            binary.setStringProperty("integratorTrace", "t-1");
            context.createProducer().send(Broker.consumerQueue(context, "waybill.events.inventory"),
                    Broker.envelope(binary, "order.created", bytesOrder));
            MapMessage map = context.createMapMessage();
            map.setString("orderId", mapOrder);
            map.setInt("units", 3);
            context.createProducer().send(Broker.consumerQueue(context, "waybill.events.inventory"),
                    Broker.envelope(map, "order.created", mapOrder));
        }

        BytesMessage parked = (BytesMessage) awaitParked("waybill.events.inventory", bytesOrder);
        assertArrayEquals(bytes, parked.getBody(byte[].class), "the parked message keeps its bytes");
        assertEquals("t-1", parked.getStringProperty("integratorTrace"));
        assertTrue(parked.getStringProperty("deadLetterReason").contains("not a text message: BytesMessage"));
        MapMessage parkedMap = (MapMessage) awaitParked("waybill.events.inventory", mapOrder);
        assertEquals(mapOrder, parkedMap.getString("orderId"));
        assertEquals(3, parkedMap.getInt("units"));

        // Sent back by an operator, it reaches its consumer as it came, and is parked again, bytes intact.
        JsonObject letter = awaitLetter("waybill.events.inventory", bytesOrder, 0);
        assertTrue(!letter.containsKey("payload") || letter.isNull("payload"), "no text to show: " + letter);
        assertEquals(200, Api.post("/dead-letters/waybill.events.inventory/" + letter.getString("messageId") + "/retry", "").status());
        awaitLetter("waybill.events.inventory", bytesOrder, 1);
        assertArrayEquals(bytes, awaitParked("waybill.events.inventory", bytesOrder).getBody(byte[].class));
    }

    @Test
    void eventsNoSubscriptionTakesAreParkedWithTheReason() throws Exception {
        // Waybill's own events that only outside subscribers take (order.completed) are not strays.
        String completed = Orders.place("ivan", "tok_sandbox", "WB-MUG-01:1");
        Orders.awaitStatus(completed, "COMPLETED");
        Orders.awaitPublished(completed);
        String unknownType = UUID.randomUUID().toString();
        String noType = UUID.randomUUID().toString();
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            context.createProducer().send(context.createTopic("waybill.events"),
                    Broker.envelope(context.createTextMessage("{}"), "order.teleported", unknownType));
            Message untyped = Broker.envelope(context.createTextMessage("{}"), "order.created", noType);
            untyped.clearProperties();
            untyped.setStringProperty("aggregateId", noType);
            context.createProducer().send(context.createTopic("waybill.events"), untyped);
        }
        assertEquals("no consumer takes eventType order.teleported",
                awaitLetter("waybill.events.unmatched", unknownType, 0).getString("reason")
                        .replace("org.waybill.events.UnprocessableEventException: ", ""));
        assertTrue(awaitLetter("waybill.events.unmatched", noType, 0).getString("reason")
                .endsWith("no consumer takes a message without eventType"));
        assertNull(find("waybill.events.unmatched", completed), "order.completed was parked as if unknown");
    }

    /**
     * E-mail work items from a producer that sets no message id, as the broker dead-letters them after the worker's
     * last attempt (no reason of the worker's, so the re-drive takes them): still without a JMS message id.
     */
    @Test
    void deadLettersWithoutMessageIdAreListedRetriedDiscardedAndReDriven() throws Exception {
        List<String> orders = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        deadLetterEmailWorkWithoutMessageId(orders, true);
        JsonObject discard = awaitLetter("waybill.email", orders.get(0), 0);
        JsonObject retry = awaitLetter("waybill.email", orders.get(1), 0);
        JsonObject redrive = awaitLetter("waybill.email", orders.get(2), 0);
        for (JsonObject letter : List.of(discard, retry, redrive)) {
            assertTrue(letter.getString("messageId").startsWith("broker-"), letter.toString());
            assertTrue(letter.getString("reason").startsWith("delivery attempts exhausted"), letter.toString());
        }

        Api.Reply discarded = Api.post("/dead-letters/waybill.email/" + discard.getString("messageId") + "/discard",
                "{\"reason\":\"integrator test message\"}");
        assertEquals(200, discarded.status(), discarded.body());
        Api.Reply retried = Api.post("/dead-letters/waybill.email/" + retry.getString("messageId") + "/retry", "");
        assertEquals(200, retried.status(), retried.body());
        Api.Reply redriven = Api.post("/dead-letters/redrive", "");
        assertEquals(200, redriven.status(), redriven.body());

        assertEquals(null, find("waybill.email", orders.get(0)), "discarded");
        for (JsonObject letter : List.of(discard, retry, redrive)) {
            assertEquals(1, db().number("SELECT count(*) FROM operator_actions WHERE message_id = ?",
                    letter.getString("messageId")), "audited: " + letter);
        }
        assertEquals(200, Api.get("/dead-letters/waybill.email").status());
    }

    /**
     * Dead letters with neither a JMS message id nor the broker's id of an original (put straight into a dead-letter
     * queue by a producer without ids, as an administrator can): each is named by the broker's id of it in the
     * dead-letter queue, and can be retried and discarded by that name. Taking one leaves the others as they were.
     */
    @Test
    void deadLettersWithNoIdAtAllAreRetriedAndDiscarded() throws Exception {
        List<String> orders = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        deadLetterEmailWorkWithoutMessageId(orders, false);
        JsonObject kept = awaitLetter("waybill.email", orders.get(0), 0);
        JsonObject retry = awaitLetter("waybill.email", orders.get(1), 0);
        JsonObject discard = awaitLetter("waybill.email", orders.get(2), 0);
        for (JsonObject letter : List.of(kept, retry, discard)) {
            assertTrue(letter.getString("messageId", "(none)").startsWith("queued-"), letter.toString());
        }

        Api.Reply retried = Api.post("/dead-letters/waybill.email/" + retry.getString("messageId") + "/retry", "");
        assertEquals(200, retried.status(), retried.body());
        // Sent back, the work names a notification never written: the worker parks it, with its reason and the retry.
        JsonObject parkedAgain = awaitLetter("waybill.email", orders.get(1), 1);
        assertTrue(parkedAgain.getString("reason").contains("e-mail work names a notification never written"),
                parkedAgain.toString());
        Api.Reply discarded = Api.post("/dead-letters/waybill.email/" + discard.getString("messageId") + "/discard",
                "{\"reason\":\"integrator test message\"}");
        assertEquals(200, discarded.status(), discarded.body());
        assertNull(find("waybill.email", orders.get(2)), "discarded");
        Api.Reply gone = Api.post("/dead-letters/waybill.email/" + discard.getString("messageId") + "/retry", "");
        assertEquals(404, gone.status(), gone.body());
        assertEquals("application/problem+json", gone.contentType());

        JsonObject still = find("waybill.email", orders.get(0));
        assertEquals(kept.getString("payload"), still.getString("payload"), "the other one as it was");
        for (JsonObject letter : List.of(retry, discard)) {
            assertEquals(1, db().number("SELECT count(*) FROM operator_actions WHERE message_id = ?",
                    letter.getString("messageId")), "audited: " + letter);
        }
        Api.Reply last = Api.post("/dead-letters/waybill.email/" + still.getString("messageId") + "/discard",
                "{\"reason\":\"integrator test message\"}");
        assertEquals(200, last.status(), last.body());
    }

    private static Message awaitParked(String queue, String order) {
        return Eventually.await("a message of " + order + " parked in DLQ." + queue, Duration.ofSeconds(30),
                () -> parked(queue, order), m -> m != null);
    }

    private static Message parked(String queue, String order) {
        List<Message> found = Broker.parked(queue, "aggregateId = '" + order + "'");
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private static JsonObject awaitLetter(String queue, String order, int retries) {
        return Eventually.await("a dead letter of " + order + " in DLQ." + queue + " retried " + retries + " times",
                Duration.ofSeconds(90), () -> find(queue, order), l -> l != null && l.getInt("retries") == retries);
    }

    private static JsonObject find(String queue, String order) {
        Api.Reply list = Api.get("/dead-letters/" + queue);
        assertEquals(200, list.status(), list.body());
        try (var reader = Json.createReader(new StringReader(list.body()))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                    .filter(l -> order.equals(l.getString("aggregateId", null))).findFirst().orElse(null);
        }
    }

    /**
     * E-mail work items for these orders put into its dead-letter queue without a JMS message id, with the broker's id
     * of an original (as the broker dead-letters a message) or without any id at all.
     */
    private static void deadLetterEmailWorkWithoutMessageId(List<String> orders, boolean withBrokerId) throws Exception {
        try (JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            for (String order : orders) {
                Message m = Broker.envelope(context.createTextMessage("{\"notificationId\":\"" + UUID.randomUUID()
                        + "\",\"orderId\":\"" + order + "\"}"), "notification.email-requested", order);
                // What the broker adds when it dead-letters a message: where it was, and its own id of it.
                m.setStringProperty("_AMQ_ORIG_QUEUE", "waybill.email");
                if (withBrokerId) {
                    m.setLongProperty("_AMQ_ORIG_MESSAGE_ID", 1 + (long) (Math.random() * 1_000_000_000L));
                }
                context.createProducer().setDisableMessageID(true).send(context.createTopic("DLQ"), m);
            }
        }
    }
}

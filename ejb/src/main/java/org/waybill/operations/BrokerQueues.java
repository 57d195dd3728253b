package org.waybill.operations;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.PoisonMessages;
import org.waybill.platform.JsonFactories;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The broker's own counters for Waybill's queues, asked through its management API: a management message to
 * {@value #MANAGEMENT} (operation {@code listQueues}), answered on the reply queue {@value #REPLIES}. The broker
 * grants the application's role only the view permission on that one operation (server-config/artemis/broker.xml).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BrokerQueues {
    static final String MANAGEMENT = "activemq.management";
    static final String REPLIES = "waybill.management.replies";
    private static final long TIMEOUT_MILLIS = 5_000;

    @Resource(lookup = "java:/jms/waybill/RelayConnectionFactory")
    ConnectionFactory connectionFactory;

    /** Every queue Waybill consumes from, with the depth of its dead-letter queue, in a stable order. */
    public List<QueueStats> consumedQueues() {
        Map<String, JsonObject> all = listQueues();
        List<QueueStats> stats = new ArrayList<>();
        Destinations.CONSUMED_QUEUES.keySet().stream().sorted().forEach(name -> {
            JsonObject queue = all.get(name);
            JsonObject dlq = all.get(PoisonMessages.DLQ_ADDRESS + "." + name);
            if (queue != null) {
                stats.add(new QueueStats(name, number(queue, "messageCount"), (int) number(queue, "consumerCount"),
                        number(queue, "messagesAdded"), number(queue, "messagesAcked"), number(queue, "deliveringCount"),
                        number(queue, "scheduledCount"), dlq == null ? 0 : number(dlq, "messageCount")));
            }
        });
        return stats;
    }

    /** How many messages wait in the dead-letter queue of each consumed queue, by queue name. */
    public Map<String, Long> deadLetterCounts() {
        Map<String, Long> counts = new TreeMap<>();
        consumedQueues().forEach(q -> counts.put(q.name(), q.deadLetters()));
        return counts;
    }

    /** Every queue of the broker by name, as {@code listQueues} describes it. */
    private Map<String, JsonObject> listQueues() {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            Queue replies = session.createQueue(REPLIES);
            String correlation = UUID.randomUUID().toString();
            TextMessage request = session.createTextMessage("[\"\",1,1000]"); // no filter, first page of 1,000
            request.setStringProperty("_AMQ_ResourceName", "broker");
            request.setStringProperty("_AMQ_OperationName", "listQueues");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID(correlation);
            try (MessageConsumer consumer = session.createConsumer(replies, "JMSCorrelationID = '" + correlation + "'");
                 MessageProducer producer = session.createProducer(session.createQueue(MANAGEMENT))) {
                producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                producer.send(request);
                Message reply = consumer.receive(TIMEOUT_MILLIS);
                if (reply == null) {
                    throw new IllegalStateException("the broker did not answer listQueues within " + TIMEOUT_MILLIS + " ms");
                }
                String result = ((TextMessage) reply).getText();
                if (!reply.getBooleanProperty("_AMQ_OperationSucceeded")) {
                    throw new IllegalStateException("the broker refused listQueues: " + result);
                }
                return byName(result);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("could not ask the broker for its queues: " + e.getMessage(), e);
        }
    }

    /** The reply is a JSON array holding the operation's result, itself JSON text: {"data":[...],"count":n}. */
    private static Map<String, JsonObject> byName(String result) {
        try (JsonReader outer = JsonFactories.READERS.createReader(new StringReader(result))) {
            String inner = outer.readArray().getString(0);
            try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(inner))) {
                Map<String, JsonObject> queues = new HashMap<>();
                reader.readObject().getJsonArray("data").getValuesAs(JsonObject.class)
                        .forEach(q -> queues.put(q.getString("name"), q));
                return queues;
            }
        }
    }

    /** The broker reports its counters as numbers or as strings, depending on the field. */
    private static long number(JsonObject queue, String field) {
        JsonValue value = queue.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return 0;
        }
        return value instanceof JsonString text ? Long.parseLong(text.getString()) : Long.parseLong(value.toString());
    }
}

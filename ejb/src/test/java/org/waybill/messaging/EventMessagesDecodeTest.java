package org.waybill.messaging;

import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.waybill.events.EventEnvelope;
import org.waybill.events.UnprocessableEventException;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding refuses, as unprocessable, every envelope a step could not store: it would fail on every delivery. */
class EventMessagesDecodeTest {
    private static final String ORDER = UUID.randomUUID().toString();

    private static Map<String, Object> complete() {
        Map<String, Object> fields = new HashMap<>();
        fields.put(EventMessages.EVENT_ID, UUID.randomUUID().toString());
        fields.put(EventMessages.EVENT_TYPE, "order.created");
        fields.put(EventMessages.EVENT_VERSION, 1);
        fields.put(EventMessages.AGGREGATE_TYPE, "order");
        fields.put(EventMessages.AGGREGATE_ID, ORDER);
        fields.put(EventMessages.OCCURRED_AT, Instant.now().toString());
        fields.put("JMSCorrelationID", ORDER);
        fields.put("text", "{}");
        return fields;
    }

    @Test
    void aCompleteEnvelopeDecodes() {
        EventEnvelope event = EventMessages.decode(message(TextMessage.class, complete()));
        assertEquals(ORDER, event.correlationId());
        assertEquals(ORDER, event.aggregateId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "eventType", "eventVersion", "aggregateType", "aggregateId", "occurredAt",
            "JMSCorrelationID", "text"})
    void anEnvelopeWithoutAFieldTheStepsUseIsUnprocessable(String field) {
        Map<String, Object> fields = complete();
        fields.remove(field);
        assertThrows(UnprocessableEventException.class, () -> EventMessages.decode(message(TextMessage.class, fields)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aggregateType", "aggregateId", "JMSCorrelationID", "eventType"})
    void anEnvelopeFieldLongerThanItsColumnIsUnprocessable(String field) {
        Map<String, Object> fields = complete();
        fields.put(field, "x".repeat(101));
        UnprocessableEventException e = assertThrows(UnprocessableEventException.class,
                () -> EventMessages.decode(message(TextMessage.class, fields)));
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void aBinaryMessageIsUnprocessable() {
        UnprocessableEventException e = assertThrows(UnprocessableEventException.class,
                () -> EventMessages.decode(message(BytesMessage.class, complete())));
        assertEquals("not a text message: BytesMessage", e.getMessage());
    }

    /** Other clients can send any property type; JMS would convert some, the envelope takes only its own. */
    @Test
    void envelopePropertiesOfAnotherTypeAreUnprocessable() {
        for (Map.Entry<String, Object> wrong : List.of(Map.entry(EventMessages.EVENT_VERSION, (Object) "1"),
                Map.entry(EventMessages.EVENT_VERSION, (Object) (1L << 40)), Map.entry(EventMessages.EVENT_VERSION, (Object) 1.0),
                Map.entry(EventMessages.EVENT_VERSION, (Object) "abc"), Map.entry(EventMessages.AGGREGATE_ID, (Object) 42L),
                Map.entry(EventMessages.EVENT_TYPE, (Object) true), Map.entry(EventMessages.EVENT_ID, (Object) "1-1-1-1-1"),
                Map.entry(EventMessages.CAUSATION_ID, (Object) "1-1-1-1-1"),
                Map.entry(EventMessages.OCCURRED_AT, (Object) "yesterday"))) {
            Map<String, Object> fields = complete();
            fields.put(wrong.getKey(), wrong.getValue());
            UnprocessableEventException e = assertThrows(UnprocessableEventException.class,
                    () -> EventMessages.decode(message(TextMessage.class, fields)), wrong.toString());
            assertTrue(e.getMessage().contains(wrong.getKey()) || e.getMessage().contains("malformed"), e.getMessage());
        }
        Map<String, Object> longVersion = complete();
        longVersion.put(EventMessages.EVENT_VERSION, 1L);
        assertEquals(1, EventMessages.decode(message(TextMessage.class, longVersion)).type().version(),
                "an AMQP client's long that holds the version is the version");
    }

    @Test
    void anObjectMessageIsUnprocessableWithoutBeingDeserialized() {
        UnprocessableEventException e = assertThrows(UnprocessableEventException.class,
                () -> EventMessages.decode(message(jakarta.jms.ObjectMessage.class, complete())));
        assertTrue(e.getMessage().startsWith("object message of class ")
                && e.getMessage().endsWith(" is not accepted; events are JSON text"), e.getMessage());
    }

    /** A message of the given kind that answers the JMS getters from the fields, as a broker's client would. */
    private static Message message(Class<? extends Message> kind, Map<String, Object> fields) {
        return (Message) Proxy.newProxyInstance(kind.getClassLoader(), new Class<?>[] {kind}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getText" -> fields.get("text");
                    case "getJMSCorrelationID" -> fields.get("JMSCorrelationID");
                    case "propertyExists" -> fields.containsKey((String) args[0]);
                    case "getStringProperty" -> fields.get((String) args[0]) == null ? null : fields.get((String) args[0]).toString();
                    case "getObjectProperty" -> fields.get((String) args[0]);
                    case "getObject" -> throw new AssertionError("deserialized the object");
                    case "getIntProperty" -> {
                        Object value = fields.get((String) args[0]);
                        if (value == null) {
                            throw new NumberFormatException("null");
                        }
                        yield Integer.parseInt(value.toString());
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

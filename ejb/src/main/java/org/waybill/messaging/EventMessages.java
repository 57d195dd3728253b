package org.waybill.messaging;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventType;
import org.waybill.events.UnprocessableEventException;
import org.waybill.platform.TraceContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The wire format of an event: the JSON payload as the text body, the envelope as message properties (so the
 * broker can filter on {@code eventType} and operators can read them in the console). The event id is also the
 * broker's duplicate-detection id, and the aggregate id the message group, which keeps one order's events in order.
 */
public final class EventMessages {
    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String EVENT_VERSION = "eventVersion";
    public static final String AGGREGATE_TYPE = "aggregateType";
    public static final String AGGREGATE_ID = "aggregateId";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String CAUSATION_ID = "causationId";
    /** Artemis' duplicate-detection property. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    public static final String GROUP_ID = "JMSXGroupID";
    /** The event's place among its aggregate's events: the relay's outbox id. */
    public static final String SEQUENCE = "sequence";
    /** Set on replayed copies only: the replay they belong to. */
    public static final String REPLAY_ID = "replayId";
    /** The W3C trace context of the span that wrote the event; the step that takes it continues that trace. */
    public static final String TRACEPARENT = TraceContext.TRACEPARENT;

    private EventMessages() {
    }

    /**
     * Writes the event into a blank message of the caller's session or context.
     *
     * @param sequence    the event's outbox id, which orders an aggregate's events; null for a copy (replay)
     * @param traceparent the span that wrote the event, stored with it; null when nothing traced it
     */
    public static TextMessage encode(TextMessage message, EventEnvelope event, Long sequence, String traceparent) {
        try {
            message.setText(event.payload());
            if (sequence != null) {
                message.setLongProperty(SEQUENCE, sequence);
            }
            if (traceparent != null) {
                message.setStringProperty(TRACEPARENT, traceparent);
            }
            message.setStringProperty(EVENT_ID, event.eventId().toString());
            message.setStringProperty(DUPLICATE_ID, event.eventId().toString());
            message.setStringProperty(EVENT_TYPE, event.type().name());
            message.setIntProperty(EVENT_VERSION, event.type().version());
            message.setStringProperty(AGGREGATE_TYPE, event.aggregateType());
            message.setStringProperty(AGGREGATE_ID, event.aggregateId());
            message.setStringProperty(GROUP_ID, event.aggregateId());
            message.setStringProperty(OCCURRED_AT, event.occurredAt().toString());
            message.setJMSCorrelationID(event.correlationId());
            if (event.causationId() != null) {
                message.setStringProperty(CAUSATION_ID, event.causationId().toString());
            }
            return message;
        } catch (JMSException e) {
            throw new IllegalStateException("could not build the message for event " + event.eventId(), e);
        }
    }

    /**
     * A copy of a message to send again (to a dead-letter queue, or back from one): its body exactly as it came, in a
     * message of the same kind (text, bytes, map, stream, object or none), its application properties, correlation
     * and group; never the broker's own properties (duplicate-detection id, delivery count, origin), which belong to
     * the original's journey. This is the one place that copies a message.
     *
     * An object message's serialized bytes are copied as they are, never deserialized.
     */
    public static Message copyOf(Session session, Message original) {
        try {
            Message copy = copyBody(session, original);
            for (Object name : Collections.list(original.getPropertyNames())) {
                String property = (String) name;
                if (!property.startsWith("_AMQ_") && !property.startsWith("JMSX")) {
                    copy.setObjectProperty(property, original.getObjectProperty(property));
                }
            }
            copy.setJMSCorrelationID(original.getJMSCorrelationID());
            copy.setJMSType(original.getJMSType());
            if (original.getStringProperty(GROUP_ID) != null) {
                copy.setStringProperty(GROUP_ID, original.getStringProperty(GROUP_ID));
            }
            return copy;
        } catch (JMSException e) {
            throw new IllegalStateException("could not copy a message", e);
        }
    }

    private static Message copyBody(Session session, Message original) throws JMSException {
        if (original instanceof TextMessage text) {
            return session.createTextMessage(text.getText());
        }
        if (original instanceof BytesMessage bytes) {
            BytesMessage copy = session.createBytesMessage();
            bytes.reset();
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            copy.writeBytes(body);
            return copy;
        }
        if (original instanceof MapMessage map) {
            MapMessage copy = session.createMapMessage();
            for (Object name : Collections.list(map.getMapNames())) {
                copy.setObject((String) name, map.getObject((String) name));
            }
            return copy;
        }
        if (original instanceof StreamMessage stream) {
            StreamMessage copy = session.createStreamMessage();
            stream.reset();
            try {
                while (true) {
                    copy.writeObject(stream.readObject());
                }
            } catch (MessageEOFException end) {
                return copy;
            }
        }
        if (original instanceof ObjectMessage object) {
            return ObjectMessageBodies.copy(session, object);
        }
        return session.createMessage();
    }

    /** Marks a copy of a past event as part of a replay, with a duplicate-detection id of that replay. */
    public static void markReplayed(Message message, UUID replayId) {
        try {
            message.setStringProperty(REPLAY_ID, replayId.toString());
            message.setStringProperty(DUPLICATE_ID, replayId + ":" + message.getStringProperty(EVENT_ID));
        } catch (JMSException e) {
            throw new IllegalStateException("could not mark a replayed message", e);
        }
    }

    /** The sequence the relay put on the message, or null for a message sent from elsewhere. */
    public static Long sequence(Message message) {
        try {
            return message.propertyExists(SEQUENCE) ? message.getLongProperty(SEQUENCE) : null;
        } catch (JMSException | NumberFormatException e) {
            return null;
        }
    }

    /** How often the broker has delivered the message, this delivery included (1 the first time). */
    public static int deliveryCount(Message message) {
        try {
            return message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Reads the event of a message, or refuses it as unprocessable: every envelope field a step uses must be there
     * and fit where the steps store it (the lengths of the outbox, inbox and delivery-hold columns), so that nothing
     * that could never succeed reaches a step and fails on each of its deliveries.
     */
    public static EventEnvelope decode(Message message) {
        try {
            if (message instanceof ObjectMessage object) {
                throw new UnprocessableEventException("object message of class " + ObjectMessageBodies.className(object)
                        + " is not accepted; events are JSON text");
            }
            if (!(message instanceof TextMessage text)) {
                throw new UnprocessableEventException("not a text message: " + kind(message));
            }
            if (text.getText() == null) {
                throw new UnprocessableEventException("message has no body");
            }
            String causation = text(message, CAUSATION_ID);
            return new EventEnvelope(
                    uuid(EVENT_ID, required(EVENT_ID, text(message, EVENT_ID), 36)),
                    new EventType(required(EVENT_TYPE, text(message, EVENT_TYPE), 100), version(message)),
                    required(AGGREGATE_TYPE, text(message, AGGREGATE_TYPE), 50),
                    required(AGGREGATE_ID, text(message, AGGREGATE_ID), 100),
                    Instant.parse(required(OCCURRED_AT, text(message, OCCURRED_AT), 64)),
                    required("JMSCorrelationID", message.getJMSCorrelationID(), 100),
                    causation == null ? null : uuid(CAUSATION_ID, causation),
                    text.getText());
        } catch (MessageFormatException e) {
            throw new UnprocessableEventException("malformed event envelope: " + e.getMessage(), e);
        } catch (JMSException e) {
            throw new IllegalStateException("could not read message", e);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new UnprocessableEventException("malformed event envelope: " + e.getMessage(), e);
        }
    }

    /**
     * An envelope property that must be text. JMS would turn a number or a boolean into text, and AMQP or core
     * clients can send any type; the envelope's types are part of the contract, so another type is refused.
     */
    private static String text(Message message, String property) throws JMSException {
        Object value = message.getObjectProperty(property);
        if (value != null && !(value instanceof String)) {
            throw new UnprocessableEventException(property + " must be a string property, not "
                    + value.getClass().getSimpleName());
        }
        return (String) value;
    }

    /** The contract's version: an integer property (of any integer type that holds it), not text that reads as one. */
    private static int version(Message message) throws JMSException {
        Object value = message.getObjectProperty(EVENT_VERSION);
        if (value == null) {
            throw new UnprocessableEventException("message has no " + EVENT_VERSION + " property");
        }
        if (!(value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof Long)
                || ((Number) value).longValue() != ((Number) value).intValue()) {
            throw new UnprocessableEventException(EVENT_VERSION + " must be an integer property, not "
                    + value.getClass().getSimpleName() + " " + value);
        }
        return ((Number) value).intValue();
    }

    /** A UUID in its one text form (any case): Java would also read forms like 1-1-1-1-1, as another id. */
    private static UUID uuid(String property, String value) {
        UUID id;
        try {
            id = UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            id = null;
        }
        if (id == null || !id.toString().equalsIgnoreCase(value)) {
            throw new UnprocessableEventException(property + " is not a UUID: " + value);
        }
        return id;
    }

    /** The JMS kind of a message, for reasons and the dead-letter list. */
    public static String kind(Message message) {
        for (Class<?> kind : List.of(TextMessage.class, BytesMessage.class, MapMessage.class, StreamMessage.class,
                ObjectMessage.class)) {
            if (kind.isInstance(message)) {
                return kind.getSimpleName();
            }
        }
        return "Message";
    }

    private static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new UnprocessableEventException("message has no " + field);
        }
        if (value.length() > maxLength) {
            throw new UnprocessableEventException(field + " is longer than " + maxLength + " characters");
        }
        return value;
    }
}

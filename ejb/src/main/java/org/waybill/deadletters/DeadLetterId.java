package org.waybill.deadletters;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.waybill.messaging.ArtemisMessages;

import java.util.regex.Pattern;

/**
 * How operators name one dead letter, and how it is found again. A message has a JMS message id unless its producer
 * did without one (AMQP producers need not set one, Artemis core clients may disable them): such a message, once
 * the broker dead-lettered it, is named by the broker's id of the original message, which the broker puts on every
 * dead-lettered copy ({@value #ORIGINAL_MESSAGE_ID}) and which is unique within the original queue's dead-letter
 * queue. A message with neither (put straight into a dead-letter queue by a producer without ids) is named by the
 * broker's id of it in the dead-letter queue, which no selector can name: it is found among the messages with
 * neither id ({@link #queuedId}).
 */
final class DeadLetterId {
    static final String ORIGINAL_MESSAGE_ID = "_AMQ_ORIG_MESSAGE_ID";
    private static final String BROKER_PREFIX = "broker-";
    private static final Pattern JMS_ID = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final Pattern BROKER_ID = Pattern.compile(BROKER_PREFIX + "[0-9]{1,19}");
    private static final String QUEUED_PREFIX = "queued-";
    private static final Pattern QUEUED_ID = Pattern.compile(QUEUED_PREFIX + "[0-9]{1,18}");

    private DeadLetterId() {
    }

    /** The message's name for operators. */
    static String of(Message message) throws JMSException {
        String jmsId = message.getJMSMessageID();
        if (jmsId != null) {
            return jmsId.startsWith("ID:") ? jmsId.substring("ID:".length()) : jmsId;
        }
        Object original = message.getObjectProperty(ORIGINAL_MESSAGE_ID);
        return original == null ? QUEUED_PREFIX + ArtemisMessages.brokerId(message) : BROKER_PREFIX + original;
    }

    /** The broker's id of a message named by it (one with neither id), or null for a name its selector finds. */
    static Long queuedId(String id) {
        return id != null && QUEUED_ID.matcher(id).matches() ? Long.valueOf(id.substring(QUEUED_PREFIX.length())) : null;
    }

    /**
     * The selector that finds the named message in its dead-letter queue.
     *
     * @throws DeadLetterNotFoundException for a name that no message can have
     */
    static String selector(String id, String queue) {
        if (id != null && JMS_ID.matcher(id).matches()) {
            return "JMSMessageID = 'ID:" + id + "'";
        }
        if (id != null && BROKER_ID.matcher(id).matches()) {
            return "JMSMessageID IS NULL AND " + ORIGINAL_MESSAGE_ID + " = " + id.substring(BROKER_PREFIX.length());
        }
        if (queuedId(id) != null) {
            return "JMSMessageID IS NULL AND " + ORIGINAL_MESSAGE_ID + " IS NULL";
        }
        throw new DeadLetterNotFoundException("no message " + id + " in DLQ." + queue);
    }
}

package org.waybill.messaging;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.jms.client.ActiveMQObjectMessage;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * The body of an object message as its bytes, never as an object: JMS hands that body out only by deserializing it,
 * which would load (and run code of) a class of the sender's choosing. Waybill takes no object messages; it only
 * names their class in the reason it parks them for and copies their serialized bytes exactly (to a dead-letter queue
 * and back), through the Artemis client underneath JMS.
 */
final class ObjectMessageBodies {
    private static final int STREAM_MAGIC = 0xACED;
    private static final int TC_OBJECT = 0x73;
    private static final int TC_CLASSDESC = 0x72;

    private ObjectMessageBodies() {
    }

    /** The class named by the serialized object, read from the stream's header; nothing is loaded. */
    static String className(ObjectMessage message) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body(message)))) {
            if (in.available() == 0) {
                return "(none: the message has no body)";
            }
            in.readInt(); // Artemis' length of the serialized data
            if (in.readUnsignedShort() != STREAM_MAGIC || in.readUnsignedShort() != 5
                    || in.readUnsignedByte() != TC_OBJECT || in.readUnsignedByte() != TC_CLASSDESC) {
                return "(not a serialized class instance)";
            }
            return in.readUTF();
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** A new object message of the session holding exactly the original's serialized bytes. */
    static ObjectMessage copy(Session session, ObjectMessage original) throws JMSException {
        ObjectMessage created = session.createObjectMessage();
        ActiveMQObjectMessage copy = (ActiveMQObjectMessage) ArtemisMessages.of(created);
        copy.getCoreMessage().getBodyBuffer().writeBytes(body(original));
        try {
            // Takes the bytes as the message's serialized data, as on receipt; sending writes them back unchanged.
            copy.doBeforeReceive();
        } catch (ActiveMQException e) {
            throw new JMSException("could not copy an object message's body: " + e.getMessage());
        }
        return created;
    }

    /** Artemis' body of the message: the length of the serialized data, then the data. */
    private static byte[] body(ObjectMessage message) {
        ActiveMQBuffer body = ArtemisMessages.of(message).getCoreMessage().getReadOnlyBodyBuffer();
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        return bytes;
    }
}

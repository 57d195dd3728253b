package org.waybill.messaging;

import jakarta.jms.Message;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;

import java.lang.reflect.Field;

/** What only the Artemis client underneath JMS knows of a message. */
public final class ArtemisMessages {
    private ArtemisMessages() {
    }

    /**
     * The broker's own id of the message where it lies now (a queue): every message has one, set by the broker, even
     * one sent without a JMS message id; a copy sent elsewhere gets another.
     */
    public static long brokerId(Message message) {
        return of(message).getCoreMessage().getMessageID();
    }

    /**
     * The Artemis client's message. A message-driven bean receives it as it is; a consumer of the resource adapter
     * (the dead-letter tools) receives it in a wrapper that keeps it in a protected field and offers no accessor.
     */
    static ActiveMQMessage of(Message message) {
        if (message instanceof ActiveMQMessage artemis) {
            return artemis;
        }
        for (Class<?> type = message.getClass(); type != Object.class; type = type.getSuperclass()) {
            try {
                Field wrapped = type.getDeclaredField("message");
                wrapped.setAccessible(true);
                if (wrapped.get(message) instanceof Message inner) {
                    return of(inner);
                }
            } catch (NoSuchFieldException e) {
                // not declared at this level of the wrapper
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("cannot reach the Artemis message inside " + message.getClass(), e);
            }
        }
        throw new IllegalStateException("not an Artemis message: " + message.getClass());
    }
}

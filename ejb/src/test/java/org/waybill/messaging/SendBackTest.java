package org.waybill.messaging;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Sending a message back repeats an attempt the broker failed, with the same duplicate-detection id: when the answer
 * to an attempt that got the copy there was lost, the broker refuses the next as a duplicate, and the copy is there.
 */
class SendBackTest {
    private final List<String> calls = new ArrayList<>();

    @Test
    void aCopyTheBrokerRefusesAsADuplicateIsThereAlready() {
        // As the Artemis JMS client reports the broker's refusal of a transaction that sent a duplicate.
        JMSException duplicate = new JMSException("Duplicate message detected - message will not be routed");
        duplicate.initCause(new ActiveMQDuplicateIdException("Duplicate message detected - message will not be routed"));
        SendBack sendBack = sendBack(duplicate);

        // Taken for a passing broker failure, it was repeated for 300 s and then logged as lost.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> sendBack.toQueue(original(), Destinations.PAYMENT_QUEUE,
                new IllegalStateException("an earlier event is not done")));
        assertEquals(List.of("send", "commit", "rollback"), calls);
    }

    @Test
    void anyOtherFailureOfTheCommitIsNotTakenForSent() {
        SendBack sendBack = sendBack(new IllegalStateException("the copy is too large"));
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> sendBack.toQueue(original(),
                Destinations.PAYMENT_QUEUE, new IllegalStateException("an earlier event is not done")));
        assertEquals("could not send a message back to " + Destinations.PAYMENT_QUEUE, failed.getMessage());
        assertEquals(List.of("send", "commit", "rollback"), calls);
    }

    private SendBack sendBack(Exception commitFails) {
        SendBack sendBack = new SendBack();
        sendBack.factory = factory(commitFails);
        return sendBack;
    }

    /** A factory whose sessions' commit fails with the given exception, or succeeds if there is none. */
    private ConnectionFactory factory(Exception commitFails) {
        Session session = proxy(Session.class, (method, args) -> switch (method) {
            case "createTextMessage" -> proxy(TextMessage.class, (m, a) -> null);
            case "createProducer" -> proxy(MessageProducer.class, (m, a) -> {
                if (m.equals("send")) {
                    calls.add("send");
                }
                return null;
            });
            case "commit" -> {
                calls.add("commit");
                if (commitFails != null) {
                    throw commitFails;
                }
                yield null;
            }
            case "rollback" -> {
                calls.add("rollback");
                yield null;
            }
            default -> null;
        });
        Connection connection = proxy(Connection.class, (method, args) -> method.equals("createSession") ? session : null);
        return proxy(ConnectionFactory.class, (method, args) -> method.equals("createConnection") ? connection : null);
    }

    private static TextMessage original() {
        return proxy(TextMessage.class, (method, args) -> switch (method) {
            case "getText" -> "{}";
            case "getPropertyNames" -> Collections.emptyEnumeration();
            default -> null;
        });
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(SendBackTest.class.getClassLoader(), new Class<?>[]{type},
                (p, method, args) -> answer.answer(method.getName(), args)));
    }
}

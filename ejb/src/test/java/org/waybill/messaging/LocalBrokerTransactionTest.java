package org.waybill.messaging;

import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.ActiveMQTransactionRolledBackException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalBrokerTransactionTest {
    private final List<String> calls = new ArrayList<>();

    @Test
    void theWorkIsCommitted() throws JMSException {
        assertEquals("sent", LocalBrokerTransaction.commit(session(null), s -> "sent"));
        assertEquals(List.of("commit"), calls);
    }

    @Test
    void aFailedCommitRollsTheSessionBackBeforeItGoesBackToThePool() {
        JMSException refused = converted(new ActiveMQSecurityException("no send permission"));
        assertSame(refused, assertThrows(JMSException.class, () -> LocalBrokerTransaction.commit(session(refused), s -> null)));
        assertEquals(List.of("commit", "rollback"), calls);
    }

    @Test
    void aDuplicateTheBrokerRefusesCountsAsSentWhenSendingOnce() throws JMSException {
        // What the Artemis JMS client throws when the broker rolled a transaction back for a duplicate id.
        LocalBrokerTransaction.commitOnce(session(converted(new ActiveMQDuplicateIdException("Duplicate message detected"))),
                s -> null);
        assertEquals(List.of("commit", "rollback"), calls);
    }

    @Test
    void anyOtherRefusalIsAFailureWhenSendingOnce() {
        for (JMSException other : List.of(converted(new ActiveMQSecurityException("no send permission")),
                converted(new ActiveMQTransactionRolledBackException("rolled back")),
                new JMSException("Duplicate message detected, said a message but not the broker"))) {
            assertSame(other, assertThrows(JMSException.class,
                    () -> LocalBrokerTransaction.commitOnce(session(other), s -> null)));
        }
    }

    /** As the Artemis JMS client converts the broker's answer: the type by kind, the broker's exception as cause. */
    private static JMSException converted(org.apache.activemq.artemis.api.core.ActiveMQException broker) {
        JMSException e = switch (broker.getType()) {
            case SECURITY_EXCEPTION -> new JMSSecurityException(broker.getMessage());
            case TRANSACTION_ROLLED_BACK -> new TransactionRolledBackException(broker.getMessage());
            default -> new JMSException(broker.getMessage());
        };
        e.initCause(broker);
        return e;
    }

    /** A session whose commit fails with the given exception, or succeeds if there is none. */
    private Session session(JMSException commitFails) {
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Session.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("commit") && commitFails != null) {
                        throw commitFails;
                    }
                    return null;
                });
    }
}

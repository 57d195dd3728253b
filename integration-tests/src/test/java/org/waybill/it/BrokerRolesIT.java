package org.waybill.it;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Collections;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each broker role, tried with a real client: what it may do works, everything else is refused by the broker.
 * The subscriber reads the event and replay topics through subscriptions of its own and nothing else; the
 * application's user may do only what Waybill does.
 */
@ArquillianTest
class BrokerRolesIT {
    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void aSubscriberReadsEventsAndReplaysThroughItsOwnSubscriptions() throws Exception {
        try (JMSContext analytics = Broker.subscriberConnectionFactory().createContext()) {
            JMSConsumer live = analytics.createConsumer(analytics.createTopic("waybill.events"));
            String subscription = "analytics-" + UUID.randomUUID();
            JMSConsumer replays = analytics.createSharedDurableConsumer(analytics.createTopic("waybill.replay"), subscription);

            String id = Orders.place("sina", "tok_sandbox", "WB-MUG-01:1");
            assertNotNull(receiveOf(live, id), "the subscriber sees the order's events live");
            Orders.awaitStatus(id, "COMPLETED");
            Api.Reply replay = Api.post("/replays", "{\"orderId\":\"" + id + "\"}");
            assertEquals(202, replay.status(), replay.body());
            Message replayed = receiveOf(replays, id);
            assertNotNull(replayed, "and its replay through a durable subscription");
            assertEquals(replay.json().getString("replayId"), replayed.getStringProperty("replayId"));

            live.close();
            replays.close();
            analytics.unsubscribe(subscription);
        }
    }

    @Test
    void aSubscriberMayNotSendNorReadTheWorkflowsQueuesNorTheDeadLetters() {
        ConnectionFactory subscriber = Broker.subscriberConnectionFactory();
        refused("send an event", subscriber, c -> c.createProducer().send(c.createTopic("waybill.events"), forged(c)));
        refused("send a replay", subscriber, c -> c.createProducer().send(c.createTopic("waybill.replay"), forged(c)));
        refused("send to a consumer's queue by name", subscriber,
                c -> c.createProducer().send(c.createTopic("waybill.events::waybill.events.payment"), forged(c)));
        refused("send a dead letter", subscriber, c -> c.createProducer().send(c.createTopic("DLQ"), forged(c)));
        refused("consume a consumer's queue", subscriber,
                c -> c.createConsumer(c.createQueue("waybill.events::waybill.events.payment")).close());
        refused("browse a consumer's queue", subscriber,
                c -> browse(c, "waybill.events::waybill.events.inventory"));
        refused("consume the e-mail work", subscriber, c -> c.createConsumer(c.createQueue("waybill.email")).close());
        refused("browse a dead-letter queue", subscriber, c -> browse(c, "DLQ::DLQ.waybill.events.inventory"));
        refused("consume a dead-letter queue", subscriber,
                c -> c.createConsumer(c.createQueue("DLQ::DLQ.waybill.events.inventory")).close());
    }

    @Test
    void theApplicationsUserMayDoOnlyWhatWaybillDoes() {
        ConnectionFactory application = Broker.applicationConnectionFactory();
        try (JMSContext waybill = application.createContext()) {
            browse(waybill, "DLQ::DLQ.waybill.events.inventory");
            browse(waybill, "waybill.events::waybill.events.payment"); // the lost-message check reads its queues
        }
        refused("subscribe to the replay topic", application,
                c -> c.createConsumer(c.createTopic("waybill.replay")).close());
        refused("subscribe to the event topic", application,
                c -> c.createConsumer(c.createTopic("waybill.events")).close());
        refused("create a durable queue", application,
                c -> c.createSharedDurableConsumer(c.createTopic("waybill.events"), "forged-" + UUID.randomUUID()).close());
        refused("send to the expiry queue", application,
                c -> c.createProducer().send(c.createQueue("ExpiryQueue"), forged(c)));
    }

    private static void refused(String what, ConnectionFactory factory, java.util.function.Consumer<JMSContext> action) {
        Executable attempt = () -> {
            try (JMSContext context = factory.createContext()) {
                action.accept(context);
            }
        };
        assertThrows(JMSSecurityRuntimeException.class, attempt, "the broker lets it " + what);
    }

    private static Message forged(JMSContext context) {
        try {
            Message m = context.createTextMessage("{}");
            m.setStringProperty("eventType", "order.created");
            return m;
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void browse(JMSContext context, String queue) {
        try (QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            Collections.list(browser.getEnumeration());
        } catch (jakarta.jms.JMSSecurityException e) {
            throw new JMSSecurityRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Message receiveOf(JMSConsumer consumer, String orderId) throws Exception {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            Message m = consumer.receive(1_000);
            if (m != null && orderId.equals(m.getStringProperty("aggregateId"))) {
                return m;
            }
        }
        return null;
    }
}

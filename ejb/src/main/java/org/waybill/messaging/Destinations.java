package org.waybill.messaging;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.util.Map;

/**
 * Broker destinations, declared in server-config/artemis/broker.xml; a test holds this class and the message-driven
 * beans' subscriptions against that file. Events go to the multicast address {@value #EVENTS}; each consumer reads
 * its own durable subscription queue {@code waybill.events.<consumer>} through its fully qualified name
 * {@code address::queue}. Work for exactly one worker goes to anycast queues ({@value #EMAIL}).
 */
public final class Destinations {
    public static final String EVENTS = "waybill.events";

    /** Consumer names; each has the queue EVENTS + "." + name, read as EVENTS + "::" + that queue. */
    public static final String ORDERING = "ordering";
    public static final String ORDERING_QUEUE = EVENTS + "." + ORDERING;
    public static final String ORDERING_SUBSCRIPTION = EVENTS + "::" + ORDERING_QUEUE;
    public static final String INVENTORY = "inventory";
    public static final String INVENTORY_QUEUE = EVENTS + "." + INVENTORY;
    public static final String INVENTORY_SUBSCRIPTION = EVENTS + "::" + INVENTORY_QUEUE;
    public static final String PAYMENT = "payment";
    public static final String PAYMENT_QUEUE = EVENTS + "." + PAYMENT;
    public static final String PAYMENT_SUBSCRIPTION = EVENTS + "::" + PAYMENT_QUEUE;
    public static final String SHIPPING = "shipping";
    public static final String SHIPPING_QUEUE = EVENTS + "." + SHIPPING;
    public static final String SHIPPING_SUBSCRIPTION = EVENTS + "::" + SHIPPING_QUEUE;
    public static final String NOTIFICATION = "notification";
    public static final String NOTIFICATION_QUEUE = EVENTS + "." + NOTIFICATION;
    public static final String NOTIFICATION_SUBSCRIPTION = EVENTS + "::" + NOTIFICATION_QUEUE;

    /**
     * What no consumer takes: a message to {@value #EVENTS} whose eventType no other subscription's filter matches
     * (none, or a type nobody handles) lands here and is parked with the reason, instead of vanishing.
     */
    public static final String UNMATCHED = "unmatched";
    public static final String UNMATCHED_QUEUE = EVENTS + "." + UNMATCHED;
    public static final String UNMATCHED_SUBSCRIPTION = EVENTS + "::" + UNMATCHED_QUEUE;

    /** The e-mail work queue: each e-mail is sent by exactly one worker, the consumer {@value #EMAIL_WORKER}. */
    public static final String EMAIL = "waybill.email";
    public static final String EMAIL_WORKER = "email";

    /** Replayed history for analytics subscribers; no workflow step listens here. */
    public static final String REPLAY = "waybill.replay";

    /**
     * The one list of the queues Waybill consumes, each with the name a message is sent to in order to reach it
     * (a subscription queue by its fully qualified name). Each has a dead-letter queue DLQ.&lt;queue&gt;.
     */
    public static final Map<String, String> CONSUMED_QUEUES = Map.of(
            ORDERING_QUEUE, ORDERING_SUBSCRIPTION,
            INVENTORY_QUEUE, INVENTORY_SUBSCRIPTION,
            PAYMENT_QUEUE, PAYMENT_SUBSCRIPTION,
            SHIPPING_QUEUE, SHIPPING_SUBSCRIPTION,
            NOTIFICATION_QUEUE, NOTIFICATION_SUBSCRIPTION,
            UNMATCHED_QUEUE, UNMATCHED_SUBSCRIPTION,
            EMAIL, EMAIL);

    private Destinations() {
    }

    /** Whether messages to this destination are published to every subscription (a topic) or to one worker. */
    public static boolean isTopic(String destination) {
        return EVENTS.equals(destination) || REPLAY.equals(destination);
    }

    /** The consumer that reads a consumed queue: its name in the inbox and the delivery holds. */
    public static String consumerOf(String queue) {
        if (!CONSUMED_QUEUES.containsKey(queue)) {
            throw new IllegalArgumentException(queue + " is not one of the consumed queues " + CONSUMED_QUEUES.keySet());
        }
        return EMAIL.equals(queue) ? EMAIL_WORKER : queue.substring(EVENTS.length() + 1);
    }

    /** The queue a consumer reads (the inverse of {@link #consumerOf}). */
    public static String queueOf(String consumer) {
        return CONSUMED_QUEUES.keySet().stream().filter(queue -> consumerOf(queue).equals(consumer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no consumer " + consumer));
    }

    /** Where to send a message so that it reaches one consumed queue only (a copy sent back to it). */
    public static Destination sendingTo(Session session, String queue) throws JMSException {
        String target = CONSUMED_QUEUES.get(queue);
        if (target == null) {
            throw new IllegalArgumentException(queue + " is not one of the consumed queues " + CONSUMED_QUEUES.keySet());
        }
        return isTopic(addressOf(queue)) ? session.createTopic(target) : session.createQueue(target);
    }

    /** The address a consumed queue belongs to. */
    public static String addressOf(String queue) {
        return queue.startsWith(EVENTS + ".") ? EVENTS : queue;
    }
}

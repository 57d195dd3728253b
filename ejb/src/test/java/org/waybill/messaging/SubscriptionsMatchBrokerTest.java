package org.waybill.messaging;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.waybill.events.EventType;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queues are named in three places that nothing else keeps in step: broker.xml (addresses, queues, filters,
 * dead-letter queues), {@link Destinations#CONSUMED_QUEUES}, and each message-driven bean's destination and
 * {@link Subscription}. A queue whose filter lets through a type its consumer does not handle parks every such
 * event; one whose filter misses a type loses that step's input silently. This test fails on either.
 */
class SubscriptionsMatchBrokerTest {
    private static final Pattern EVENT_TYPES = Pattern.compile("eventType IN \\(([^)]*)\\)");
    private static final Pattern UNMATCHED = Pattern.compile("eventType IS NULL OR eventType NOT IN \\(([^)]*)\\)");
    private static final Pattern ORIGINAL_QUEUE = Pattern.compile("_AMQ_ORIG_QUEUE = '([^']+)'");

    /** Queue name to its filter (null for none), per address, as broker.xml declares them. */
    private static Map<String, Map<String, String>> broker;
    /** Each message-driven bean's subscription, by the destination it is activated on. */
    private static Map<String, Subscription<?>> consumers;

    @BeforeAll
    static void read() throws Exception {
        broker = BrokerXml.read().queuesByAddress();
        consumers = MessageDrivenBeans.subscriptions();
    }

    @Test
    void everyConsumedQueueHasExactlyOneMessageDrivenBean() {
        assertFalse(consumers.isEmpty(), "no message-driven bean found");
        Map<String, String> destinations = new TreeMap<>();
        consumers.forEach((destination, subscription) -> destinations.put(subscription.queue(), destination));
        assertEquals(new TreeMap<>(Destinations.CONSUMED_QUEUES), destinations,
                "each consumed queue, by the name its message-driven bean is activated on");
        assertEquals(consumers.size(), consumers.values().stream().map(Subscription::consumer).distinct().count(),
                "consumer names are unique (they key the inbox and the delivery holds)");
        consumers.values().forEach(subscription -> assertEquals(subscription.consumer(),
                Destinations.consumerOf(subscription.queue()), "the consumer a discard marks the event done at"));
    }

    @Test
    void brokerDeclaresExactlyTheConsumedQueues() {
        Set<String> declared = new TreeSet<>(broker.getOrDefault(Destinations.EVENTS, Map.of()).keySet());
        declared.addAll(broker.getOrDefault(Destinations.EMAIL, Map.of()).keySet());
        assertEquals(new TreeSet<>(Destinations.CONSUMED_QUEUES.keySet()), declared);
    }

    @Test
    void eachSubscriptionQueueTakesExactlyTheEventTypesItsConsumerHandles() {
        broker.get(Destinations.EVENTS).forEach((queue, filter) -> {
            if (queue.equals(Destinations.UNMATCHED_QUEUE)) {
                return;
            }
            Subscription<?> subscription = consumers.get(Destinations.CONSUMED_QUEUES.get(queue));
            Set<String> handled = subscription.eventTypes().stream().map(EventType::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(handled, filteredTypes(queue, filter), "broker.xml filter of " + queue + " vs. its consumer");
        });
    }

    /**
     * The catch-all takes exactly what Waybill does not know: no event type, or one no contract declares. Known
     * types that no queue here consumes (order.completed, order.cancelled) are for outside subscribers, not strays.
     */
    @Test
    void theCatchAllQueueTakesExactlyTheTypesNoContractDeclares() throws Exception {
        Set<String> taken = contractTypes();
        assertTrue(taken.containsAll(consumers.values().stream().flatMap(s -> s.eventTypes().stream())
                .map(EventType::name).toList()), "every consumed type is a contract");
        String filter = broker.get(Destinations.EVENTS).get(Destinations.UNMATCHED_QUEUE);
        Matcher negation = UNMATCHED.matcher(filter == null ? "" : filter);
        if (!negation.matches()) {
            throw new AssertionError(Destinations.UNMATCHED_QUEUE + " has no filter of the form "
                    + "eventType IS NULL OR eventType NOT IN (...): " + filter);
        }
        assertEquals(taken, typesIn(negation.group(1)), "broker.xml filter of " + Destinations.UNMATCHED_QUEUE);
        assertEquals(Set.of(), consumers.get(Destinations.UNMATCHED_SUBSCRIPTION).eventTypes(), "it handles nothing");
    }

    /**
     * Outside subscribers may consume and delete queues on the event address, their own subscriptions; the
     * workflow's queues are closed to them by an exact address::queue security setting, which replaces the address's
     * roles for that queue. A consumed queue without one would be open to every subscriber.
     */
    @Test
    void everyWorkflowQueueOnTheEventAddressIsClosedToSubscribers() throws Exception {
        Map<String, Map<String, Set<String>>> settings = BrokerXml.read().securitySettings();
        for (String queue : broker.get(Destinations.EVENTS).keySet()) {
            Map<String, Set<String>> permissions = settings.get(Destinations.EVENTS + "::" + queue);
            assertTrue(permissions != null, queue + " has no security setting of its own");
            assertEquals(Set.of("amq", "waybill"), permissions.get("consume"), queue + ": who may consume it");
            permissions.forEach((type, roles) -> assertFalse(roles.contains("subscriber"), queue + ": " + type));
        }
        assertTrue(settings.get(Destinations.EVENTS).get("consume").contains("subscriber"),
                "subscribers consume their own subscriptions");
    }

    @Test
    void everyConsumedQueueHasItsDeadLetterQueue() {
        Map<String, String> deadLetterQueues = broker.get(PoisonMessages.DLQ_ADDRESS);
        for (String queue : Destinations.CONSUMED_QUEUES.keySet()) {
            String filter = deadLetterQueues.get("DLQ." + queue);
            Matcher original = ORIGINAL_QUEUE.matcher(filter == null ? "" : filter);
            assertEquals(queue, original.matches() ? original.group(1) : null, "DLQ." + queue + " and its filter");
        }
    }

    private static Set<String> filteredTypes(String queue, String filter) {
        Matcher types = EVENT_TYPES.matcher(filter == null ? "" : filter);
        if (!types.matches()) {
            throw new AssertionError(queue + " has no filter of the form eventType IN (...): " + filter);
        }
        return typesIn(types.group(1));
    }

    private static Set<String> typesIn(String list) {
        return Arrays.stream(list.split(",")).map(t -> t.trim().replace("'", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The name of every event type a record in org.waybill.contracts declares (its static TYPE). */
    private static Set<String> contractTypes() throws Exception {
        Path contracts = Path.of(EventType.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/waybill/contracts");
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.list(contracts)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = "org.waybill.contracts." + file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(name, false, SubscriptionsMatchBrokerTest.class.getClassLoader());
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals("TYPE") && field.getType() == EventType.class) {
                        types.add(((EventType) field.get(null)).name());
                    }
                }
            }
        }
        return types;
    }
}

package org.waybill.messaging;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.waybill.events.EventType;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
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

/**
 * The queues are named in three places that nothing else keeps in step: broker.xml (addresses, queues, filters,
 * dead-letter queues), {@link Destinations#CONSUMED_QUEUES}, and each message-driven bean's destination and
 * {@link Subscription}. A queue whose filter lets through a type its consumer does not handle parks every such
 * event; one whose filter misses a type loses that step's input silently. This test fails on either.
 */
class SubscriptionsMatchBrokerTest {
    private static final Pattern EVENT_TYPES = Pattern.compile("eventType IN \\(([^)]*)\\)");
    private static final Pattern ORIGINAL_QUEUE = Pattern.compile("_AMQ_ORIG_QUEUE = '([^']+)'");

    /** Queue name to its filter (null for none), per address, as broker.xml declares them. */
    private static Map<String, Map<String, String>> broker;
    /** Each message-driven bean's subscription, by the destination it is activated on. */
    private static Map<String, Subscription<?>> consumers;

    @BeforeAll
    static void read() throws Exception {
        broker = brokerQueues();
        consumers = messageDrivenBeans();
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
            Subscription<?> subscription = consumers.get(Destinations.CONSUMED_QUEUES.get(queue));
            Set<String> handled = subscription.eventTypes().stream().map(EventType::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(handled, filteredTypes(queue, filter), "broker.xml filter of " + queue + " vs. its consumer");
        });
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
        return Arrays.stream(types.group(1).split(",")).map(t -> t.trim().replace("'", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Map<String, String>> brokerQueues() throws Exception {
        try (InputStream xml = SubscriptionsMatchBrokerTest.class.getResourceAsStream("/server-config/artemis/broker.xml")) {
            NodeList addresses = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml)
                    .getElementsByTagName("address");
            Map<String, Map<String, String>> queues = new HashMap<>();
            for (int i = 0; i < addresses.getLength(); i++) {
                Element address = (Element) addresses.item(i);
                Map<String, String> ofAddress = queues.computeIfAbsent(address.getAttribute("name"), a -> new TreeMap<>());
                NodeList declared = address.getElementsByTagName("queue");
                for (int j = 0; j < declared.getLength(); j++) {
                    Element queue = (Element) declared.item(j);
                    NodeList filter = queue.getElementsByTagName("filter");
                    ofAddress.put(queue.getAttribute("name"),
                            filter.getLength() == 0 ? null : ((Element) filter.item(0)).getAttribute("string"));
                }
            }
            return queues;
        }
    }

    /** Every class of the EJB module annotated @MessageDriven, found on disk so that a new one cannot be missed. */
    private static Map<String, Subscription<?>> messageDrivenBeans() throws Exception {
        Path classes = Path.of(Destinations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(f -> classes.relativize(f).toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        Map<String, Subscription<?>> found = new TreeMap<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, SubscriptionsMatchBrokerTest.class.getClassLoader());
            MessageDriven bean = type.getAnnotation(MessageDriven.class);
            if (bean != null) {
                String destination = Arrays.stream(bean.activationConfig())
                        .filter(p -> p.propertyName().equals("destination"))
                        .map(ActivationConfigProperty::propertyValue).findFirst().orElseThrow();
                Field subscription = type.getDeclaredField("SUBSCRIPTION");
                subscription.setAccessible(true);
                if (found.put(destination, (Subscription<?>) subscription.get(null)) != null) {
                    throw new AssertionError("two message-driven beans on " + destination);
                }
            }
        }
        return found;
    }
}

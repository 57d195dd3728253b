package org.waybill.messaging;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.waybill.contracts.Contracts;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventSchemas;
import org.waybill.events.EventType;
import org.waybill.events.UnprocessableEventException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumers against the schemas' samples: every consumer takes each valid sample of the types it handles, of
 * its version and the older ones (upcast), and refuses each invalid one at its edge, naming the schema and what is
 * wrong.
 */
class ConsumersAgreeWithEventSchemasTest {
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]*)\"");

    @TestFactory
    Stream<DynamicTest> everyConsumerTakesEachValidSample() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Subscription<?> subscription : MessageDrivenBeans.subscriptions().values()) {
            for (EventType type : readable(subscription)) {
                for (Contracts.Sample sample : Contracts.samples(type, true)) {
                    tests.add(DynamicTest.dynamicTest(subscription.consumer() + ": " + sample,
                            () -> assertDoesNotThrow(() -> subscription.accept(event(type, sample.json()), 1L))));
                }
            }
        }
        return tests.stream();
    }

    /** Each invalid sample, at each consumer of its type, with the schema's finding as the reason. */
    @TestFactory
    Stream<DynamicTest> everyConsumerRefusesEachInvalidSample() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Subscription<?> subscription : MessageDrivenBeans.subscriptions().values()) {
            for (EventType type : readable(subscription)) {
                for (Contracts.Sample sample : Contracts.samples(type, false)) {
                    tests.add(DynamicTest.dynamicTest(subscription.consumer() + ": " + sample, () -> {
                        UnprocessableEventException refused = assertThrows(UnprocessableEventException.class,
                                () -> subscription.accept(event(type, sample.json()), 1L));
                        assertTrue(refused.getMessage().contains(" does not match its schema " + EventSchemas.pathOf(type)
                                + ": $"), refused.getMessage());
                    }));
                }
            }
        }
        assertFalse(tests.isEmpty(), "no invalid samples found");
        return tests.stream();
    }

    /**
     * What the schema takes and the record's constraints refuse (a control character in a nested record's field) is
     * parked by every consumer of the type, naming the field: the record's check reaches into nested records.
     */
    @TestFactory
    Stream<DynamicTest> everyConsumerRefusesWhatOnlyTheRecordRefuses() throws Exception {
        EventType created = new EventType("order.created", 2);
        String sample = Contracts.samples(created, true).stream().filter(s -> s.json().contains("\"shippingAddress\""))
                .findFirst().orElseThrow().json();
        String payload = sample.replaceFirst("\"name\"\\s*:\\s*\"", "\"name\": \"\\\\u0007");
        assertTrue(EventSchemas.problems(created, payload).isEmpty(), "the schema refuses it: " + payload);
        List<DynamicTest> tests = new ArrayList<>();
        for (Subscription<?> subscription : MessageDrivenBeans.subscriptions().values()) {
            if (subscription.reads(created)) {
                tests.add(DynamicTest.dynamicTest(subscription.consumer(), () -> {
                    UnprocessableEventException refused = assertThrows(UnprocessableEventException.class,
                            () -> subscription.accept(event(created, payload), 1L));
                    assertTrue(refused.getMessage().endsWith(
                            " is invalid: shippingAddress.name must not contain control characters"), refused.getMessage());
                }));
            }
        }
        assertFalse(tests.isEmpty(), "no consumer of " + created);
        return tests.stream();
    }

    /** Every version a consumer reads: those of its subscription, and the older ones, upcast. */
    private static List<EventType> readable(Subscription<?> subscription) {
        List<EventType> versions = new ArrayList<>();
        for (EventType type : subscription.eventTypes()) {
            for (int version = 1; version <= type.version(); version++) {
                versions.add(new EventType(type.name(), version));
            }
        }
        return versions;
    }

    /** The sample as its producer would send it: the message's aggregate is the order the payload names. */
    private static EventEnvelope event(EventType type, String payload) {
        Matcher named = ORDER_ID.matcher(payload);
        String order = named.find() ? named.group(1) : UUID.randomUUID().toString();
        return new EventEnvelope(UUID.randomUUID(), type, "order", order, Instant.now(), order, null, payload);
    }
}

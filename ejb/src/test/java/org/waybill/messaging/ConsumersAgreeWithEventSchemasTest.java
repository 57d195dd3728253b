package org.waybill.messaging;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.waybill.contracts.Contracts;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventType;
import org.waybill.events.UnprocessableEventException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The consumers' own checks (JSON-B and Bean Validation, in Subscription) against the schemas' samples: every consumer
 * takes each valid sample of the types it handles, and refuses each invalid one, except the samples listed below,
 * which only the schema refuses.
 */
class ConsumersAgreeWithEventSchemasTest {
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]*)\"");
    /**
     * Invalid samples that every consumer of the type takes today, which only the schema refuses: the disagreement
     * between the consumers' checks and the schemas, kept exact (the test fails if it grows or shrinks). None of
     * these is changed in the consumers here: they are the findings that schema validation at the consumers (a later
     * slice) will settle.
     */
    private static final Set<String> ONLY_THE_SCHEMA_REFUSES = new TreeSet<>(List.of(
            // Unknown properties: JSON-B ignores them; the payload schemas are closed (README, Event contracts).
            "events/inventory.rejected/v1/invalid/unknown-property.json",
            "events/inventory.released/v1/invalid/unknown-property.json",
            "events/inventory.reserved/v1/invalid/unknown-property.json",
            "events/notification.email-requested/v1/invalid/unknown-property.json",
            "events/notification.failed/v1/invalid/unknown-property.json",
            "events/notification.sent/v1/invalid/unknown-property.json",
            "events/order.cancellation-requested/v1/invalid/unknown-property.json",
            "events/order.created/v1/invalid/unknown-property.json",
            "events/payment.charged/v1/invalid/unknown-property.json",
            "events/payment.declined/v1/invalid/unknown-property.json",
            "events/payment.refunded/v1/invalid/unknown-property.json",
            "events/shipment.cancelled/v1/invalid/unknown-property.json",
            "events/shipment.failed/v1/invalid/unknown-property.json",
            "events/shipment.scheduled/v1/invalid/unknown-property.json",
            "events/order.created/v1/invalid/unknown-line-property.json",
            // Longer than the column the consumer stores it in (or than ordering can quote in orders.status_reason): the
            // consumer takes it, its insert fails, and the event is retried until it is dead-lettered.
            "events/notification.failed/v1/invalid/reason-too-long-to-quote.json",
            "events/notification.failed/v1/invalid/recipient-longer-than-column.json",
            "events/order.cancellation-requested/v1/invalid/reason-longer-than-api-allows.json",
            "events/order.created/v1/invalid/customer-longer-than-column.json",
            "events/order.created/v1/invalid/sku-longer-than-column.json",
            "events/payment.charged/v1/invalid/charge-id-longer-than-column.json",
            "events/shipment.failed/v1/invalid/reason-longer-than-column.json",
            // More lines than an order can have (PlaceOrder.MAX_LINES).
            "events/order.created/v1/invalid/101-lines.json"));

    @TestFactory
    Stream<DynamicTest> everyConsumerTakesEachValidSample() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Subscription<?> subscription : MessageDrivenBeans.subscriptions().values()) {
            for (EventType type : subscription.eventTypes()) {
                for (Contracts.Sample sample : Contracts.samples(type, true)) {
                    tests.add(DynamicTest.dynamicTest(subscription.consumer() + ": " + sample,
                            () -> assertDoesNotThrow(() -> subscription.accept(event(type, sample.json()), 1L))));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void everyConsumerRefusesEachInvalidSampleButThoseListed() throws Exception {
        Set<String> taken = new TreeSet<>();
        Map<String, Subscription<?>> subscriptions = MessageDrivenBeans.subscriptions();
        for (Subscription<?> subscription : subscriptions.values()) {
            for (EventType type : subscription.eventTypes()) {
                for (Contracts.Sample sample : Contracts.samples(type, false)) {
                    try {
                        subscription.accept(event(type, sample.json()), 1L);
                        taken.add(sample.name());
                    } catch (UnprocessableEventException refused) {
                        // as the schema does
                    }
                }
            }
        }
        assertEquals(ONLY_THE_SCHEMA_REFUSES, taken, "invalid samples some consumer takes");
    }

    /** The sample as its producer would send it: the message's aggregate is the order the payload names. */
    private static EventEnvelope event(EventType type, String payload) {
        Matcher named = ORDER_ID.matcher(payload);
        String order = named.find() ? named.group(1) : UUID.randomUUID().toString();
        return new EventEnvelope(UUID.randomUUID(), type, "order", order, Instant.now(), order, null, payload);
    }
}

package org.waybill.messaging;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.waybill.events.EventEnvelope;
import org.waybill.events.EventJson;
import org.waybill.events.EventType;
import org.waybill.events.UnprocessableEventException;

import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every consumer checks every payload it takes the same way, before any work: for each (consumer, event type) pair of
 * every message-driven bean's subscription, an empty payload and a complete one with any single field removed
 * (nested fields too) are unprocessable, and the complete one is accepted, but not for another order than the
 * message's aggregate id. Every field of an event is required but those named in {@link #OPTIONAL}, whose removal is
 * accepted.
 */
class EveryConsumerRefusesIncompletePayloadsTest {
    private static final UUID ORDER = UUID.randomUUID();
    /** Fields an event may leave out: order.created's shippingAddress (none given). */
    private static final java.util.Set<String> OPTIONAL = java.util.Set.of("shippingAddress");

    @TestFactory
    Stream<DynamicTest> everyIncompletePayloadIsUnprocessableAtEveryConsumer() throws Exception {
        Map<String, Subscription<?>> subscriptions = MessageDrivenBeans.subscriptions();
        assertFalse(subscriptions.isEmpty(), "no message-driven bean found");
        List<DynamicTest> tests = new ArrayList<>();
        for (Subscription<?> subscription : subscriptions.values()) {
            for (EventType type : subscription.eventTypes()) {
                JsonObject complete = read(EventJson.toJson(sample(subscription.payloadType(type))));
                String pair = subscription.consumer() + " / " + type;
                tests.add(DynamicTest.dynamicTest(pair + ": complete payload accepted",
                        () -> assertDoesNotThrow(() -> subscription.accept(event(type, complete), 1L))));
                tests.add(DynamicTest.dynamicTest(pair + ": {}", () -> assertUnprocessable(subscription, type, "{}")));
                tests.add(DynamicTest.dynamicTest(pair + ": another order than the aggregate id", () -> {
                    String other = UUID.randomUUID().toString();
                    EventEnvelope mismatched = new EventEnvelope(UUID.randomUUID(), type, "order", other, Instant.now(),
                            other, null, complete.toString());
                    UnprocessableEventException e = assertThrows(UnprocessableEventException.class,
                            () -> subscription.accept(mismatched, 1L));
                    assertEquals("payload orderId " + ORDER + " does not match aggregateId " + other, e.getMessage());
                }));
                for (JsonObject incomplete : withOneFieldRemoved(complete)) {
                    tests.add(DynamicTest.dynamicTest(pair + ": " + incomplete,
                            () -> assertUnprocessable(subscription, type, incomplete.toString())));
                }
                for (String optional : OPTIONAL) {
                    if (complete.containsKey(optional)) {
                        JsonObject without = Json.createObjectBuilder(complete).remove(optional).build();
                        tests.add(DynamicTest.dynamicTest(pair + ": without " + optional,
                                () -> assertDoesNotThrow(() -> subscription.accept(event(type, without), 1L))));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static void assertUnprocessable(Subscription<?> subscription, EventType type, String payload) {
        assertThrows(UnprocessableEventException.class,
                () -> subscription.accept(event(type, read(payload)), 1L), payload);
    }

    private static EventEnvelope event(EventType type, JsonObject payload) {
        return new EventEnvelope(UUID.randomUUID(), type, "order", ORDER.toString(), Instant.now(), ORDER.toString(),
                null, payload.toString());
    }

    /** Every copy of the object with one field removed, at any depth (objects inside arrays included). */
    private static List<JsonObject> withOneFieldRemoved(JsonObject object) {
        List<JsonObject> variants = new ArrayList<>();
        for (String field : object.keySet()) {
            if (!OPTIONAL.contains(field)) {
                JsonObjectBuilder without = Json.createObjectBuilder(object);
                without.remove(field);
                variants.add(without.build());
            }
            for (JsonValue nested : withOneFieldRemoved(object.get(field))) {
                variants.add(Json.createObjectBuilder(object).add(field, nested).build());
            }
        }
        return variants;
    }

    private static List<JsonValue> withOneFieldRemoved(JsonValue value) {
        List<JsonValue> variants = new ArrayList<>();
        if (value instanceof JsonObject object) {
            variants.addAll(withOneFieldRemoved(object));
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                for (JsonValue element : withOneFieldRemoved(array.get(i))) {
                    JsonArrayBuilder copy = Json.createArrayBuilder(array);
                    copy.set(i, element);
                    variants.add(copy.build());
                }
            }
        }
        return variants;
    }

    private static JsonObject read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** A complete, valid instance of a payload record: every component set, lists with one element. */
    private static Object sample(Class<?> record) throws Exception {
        RecordComponent[] components = record.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleOf(components[i].getName(), components[i].getGenericType());
        }
        return record.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object sampleOf(String name, Type type) throws Exception {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return List.of(sampleOf(name, list.getActualTypeArguments()[0]));
        }
        Class<?> raw = (Class<?>) type;
        if (raw == UUID.class) {
            return name.equals("orderId") ? ORDER : UUID.randomUUID();
        } else if (raw == String.class) {
            return switch (name) {
                case "currency" -> "EUR";
                case "country" -> "DE";
                default -> name + "-1";
            };
        } else if (raw == int.class || raw == Integer.class) {
            return 1;
        } else if (raw == BigDecimal.class) {
            return BigDecimal.ONE;
        } else if (raw == LocalDate.class) {
            return LocalDate.now();
        } else if (raw.isRecord()) {
            return sample(raw);
        }
        throw new AssertionError("no sample value for " + type + " (" + name + "); add one");
    }
}

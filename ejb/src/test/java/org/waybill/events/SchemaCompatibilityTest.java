package org.waybill.events;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.events.SchemaCompatibility.Policy.BACKWARD;
import static org.waybill.events.SchemaCompatibility.Policy.FORWARD;
import static org.waybill.events.SchemaCompatibility.Policy.FULL;

/** Each rule of the compatibility check, one change at a time, on small schemas written for it. */
class SchemaCompatibilityTest {
    private static final String V1 = """
            {"type": "object", "required": ["orderId", "reason"], "additionalProperties": false,
             "properties": {"orderId": {"type": "string", "format": "uuid"},
                            "reason": {"type": "string", "minLength": 1, "maxLength": 500},
                            "status": {"type": "string", "enum": ["OPEN", "DONE"]},
                            "amount": {"type": "number", "minimum": 0, "multipleOf": 0.01},
                            "lines": {"type": "array", "maxItems": 100, "items": {"type": "object",
                                      "additionalProperties": false, "properties": {"quantity": {"type": "integer"}}}}}}
            """;

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static List<String> backward(String newer) {
        return SchemaCompatibility.problems(BACKWARD, json(V1), json(newer));
    }

    @Test
    void theSameSchemaIsCompatibleUnderEveryPolicy() {
        for (var policy : SchemaCompatibility.Policy.values()) {
            assertEquals(List.of(), SchemaCompatibility.problems(policy, json(V1), json(V1)), policy.name());
        }
    }

    @Test
    void anOptionalPropertyAddedIsBackwardButNotForwardCompatible() {
        String v2 = V1.replace("\"status\":", "\"note\": {\"type\": \"string\"}, \"status\":");
        assertEquals(List.of(), backward(v2));
        assertEquals(List.of("(forward) $.note: removed, and additional properties are not allowed"),
                SchemaCompatibility.problems(FORWARD, json(V1), json(v2)));
    }

    @Test
    void aNewRequiredPropertyIsRefused() {
        assertEquals(List.of("$.currency: became required"),
                backward(V1.replace("[\"orderId\", \"reason\"]", "[\"orderId\", \"reason\", \"currency\"]")
                        .replace("\"status\":", "\"currency\": {\"type\": \"string\"}, \"status\":")));
    }

    @Test
    void aPropertyRemovedFromAClosedSchemaIsRefused() {
        assertEquals(List.of("$.status: removed, and additional properties are not allowed"),
                backward(V1.replace("\"status\": {\"type\": \"string\", \"enum\": [\"OPEN\", \"DONE\"]},", "")));
    }

    @Test
    void closingTheSchemaIsRefused() {
        String open = V1.replace("\"additionalProperties\": false,\n", "");
        assertEquals(List.of("$: additional properties no longer allowed"),
                SchemaCompatibility.problems(BACKWARD, json(open), json(V1)));
    }

    @Test
    void aTypeChangeIsRefusedAndAWideningIsNot() {
        assertEquals(List.of("$.lines[].quantity: type changed from [integer] to [string]"),
                backward(V1.replace("{\"quantity\": {\"type\": \"integer\"}}", "{\"quantity\": {\"type\": \"string\"}}")));
        assertEquals(List.of(),
                backward(V1.replace("{\"quantity\": {\"type\": \"integer\"}}", "{\"quantity\": {\"type\": \"number\"}}")));
    }

    @Test
    void anEnumNarrowedIsRefusedAndWidenedIsNot() {
        assertEquals(List.of("$.status: enum narrowed, [\"DONE\"] no longer allowed"),
                backward(V1.replace("[\"OPEN\", \"DONE\"]", "[\"OPEN\"]")));
        assertEquals(List.of(), backward(V1.replace("[\"OPEN\", \"DONE\"]", "[\"OPEN\", \"DONE\", \"LOST\"]")));
    }

    @Test
    void tighterBoundsAreRefusedAndLooserOnesAreNot() {
        assertEquals(List.of("$.reason: maxLength changed from 500 to 100"),
                backward(V1.replace("\"maxLength\": 500", "\"maxLength\": 100")));
        assertEquals(List.of("$.amount: minimum changed from 0 to 1"),
                backward(V1.replace("\"minimum\": 0", "\"minimum\": 1")));
        assertEquals(List.of("$.amount: multipleOf 0.05 refuses values the other version allows"),
                backward(V1.replace("0.01", "0.05")));
        assertEquals(List.of("$.orderId: format changed from \"uuid\" to \"uri\""),
                backward(V1.replace("\"uuid\"", "\"uri\"")));
        assertEquals(List.of(), backward(V1.replace("\"maxLength\": 500", "\"maxLength\": 1000")
                .replace("\"maxItems\": 100", "\"maxItems\": 200").replace("0.01", "0.001")));
    }

    @Test
    void whatItDoesNotUnderstandIsRefused() {
        assertEquals(List.of("$.reason: [oneOf] not understood by the compatibility check"),
                backward(V1.replace("\"maxLength\": 500}", "\"maxLength\": 500, \"oneOf\": [{}]}")));
        assertEquals(List.of("$: additionalProperties other than true or false not understood"),
                backward(V1.replaceFirst("\"additionalProperties\": false", "\"additionalProperties\": {\"type\": \"string\"}")));
    }

    @Test
    void fullNeedsBothDirections() {
        String v2 = V1.replace("\"maxLength\": 500", "\"maxLength\": 1000");
        assertEquals(List.of("(forward) $.reason: maxLength changed from 1000 to 500"),
                SchemaCompatibility.problems(FULL, json(V1), json(v2)));
    }

    /**
     * The real order.created v2 against v1: a currency, required, and the deprecated payment credential gone. Not
     * backward compatible, so it comes with an upcaster from v1 (ConsecutiveVersionsAreCompatibleTest accepts that).
     */
    @Test
    void theRealOrderCreatedV2IsNotBackwardCompatible() throws Exception {
        List<String> problems = SchemaCompatibility.problems(BACKWARD, schema(new EventType("order.created", 1)),
                schema(new EventType("order.created", 2)));
        System.out.println("order.created v2 against v1, BACKWARD: " + problems);
        assertEquals(List.of("$.currency: became required",
                "$.paymentToken: removed, and additional properties are not allowed"), problems);
    }

    /** payment.charged v2: the amount a number before, an object now. */
    @Test
    void theRealPaymentChargedV2IsNotBackwardCompatible() throws Exception {
        List<String> problems = SchemaCompatibility.problems(BACKWARD, schema(new EventType("payment.charged", 1)),
                schema(new EventType("payment.charged", 2)));
        System.out.println("payment.charged v2 against v1, BACKWARD: " + problems);
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).startsWith("$.amount: "), problems.toString());
    }

    private JsonObject schema(EventType type) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EventSchemas.pathOf(type))) {
            return json(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}

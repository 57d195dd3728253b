package org.waybill.web;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.waybill.ordering.PlaceOrder;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The strict binding of request bodies: what JSON-B would wrap, truncate, convert or ignore is refused. */
class JsonBinderTest {
    record Range(UUID orderId, Instant from, Instant to) {
    }

    private static Object bind(String json, Class<?> type) {
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            return JsonBinder.read(parser, type);
        }
    }

    private static String refusedField(String json, Class<?> type) {
        return assertThrows(JsonBinder.Refused.class, () -> bind(json, type), json).field;
    }

    @Test
    void anOrderBindsAsSent() {
        PlaceOrder order = (PlaceOrder) bind("{\"customerId\":\"ann\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":2},"
                + "{\"sku\":\"WB-CAP-01\",\"quantity\":10000}],\"paymentToken\":null}", PlaceOrder.class);
        assertEquals(new PlaceOrder("ann", List.of(new PlaceOrder.Line("WB-MUG-01", 2),
                new PlaceOrder.Line("WB-CAP-01", 10_000)), null, null, null), order);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4294967297", "-4294967295", "1.5", "9999.9999", "1e2", "1.0", "-0.0", "\"+5\"",
            "\"\u0663\"", "\"\uff11\"", "\"1\"", "true", "[1]", "{}", "99999999999999999999999"})
    void aQuantityIsOnlyAJsonIntegerWithinItsType(String quantity) {
        assertEquals("lines[0].quantity", refusedField(
                "{\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":" + quantity + "}]}", PlaceOrder.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\n", "\\r", "\\t", "\\u001b[31m", "\\u007f", "\\u0085", "\\ud800"})
    void textWithAControlCharacterOrAnUnpairedSurrogateIsRefused(String escape) {
        assertEquals("lines[0].sku", refusedField(
                "{\"lines\":[{\"sku\":\"WB" + escape + "\",\"quantity\":1}]}", PlaceOrder.class));
        assertEquals("customerId", refusedField("{\"customerId\":\"a" + escape + "\"}", PlaceOrder.class));
    }

    @Test
    void duplicateAndUnknownKeysAreRefused() {
        assertEquals("customerId", refusedField("{\"customerId\":\"a\",\"customerId\":\"b\"}", PlaceOrder.class));
        assertEquals("lines[0].quantity", refusedField(
                "{\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"quantity\":2}]}", PlaceOrder.class));
        assertEquals("lines[0].quantitiy", refusedField("{\"lines\":[{\"sku\":\"A\",\"quantitiy\":1}]}", PlaceOrder.class));
    }

    @Test
    void aListIsRefusedAtItsFirstElementOverItsSizeWhateverFollows() {
        String line = "{\"sku\":\"A\",\"quantity\":1},";
        assertEquals(100, ((PlaceOrder) bind("{\"lines\":[" + line.repeat(99) + line.substring(0, line.length() - 1) + "]}",
                PlaceOrder.class)).lines().size());
        assertEquals("lines", refusedField("{\"lines\":[" + line.repeat(101) + "this is not read", PlaceOrder.class));
    }

    @Test
    void wrongShapesAreRefusedAtTheirField() {
        assertEquals("body", refusedField("[]", PlaceOrder.class));
        assertEquals("lines", refusedField("{\"lines\":{}}", PlaceOrder.class));
        assertEquals("lines[1]", refusedField("{\"lines\":[{\"sku\":\"A\",\"quantity\":1},7]}", PlaceOrder.class));
        assertEquals("customerId", refusedField("{\"customerId\":5}", PlaceOrder.class));
    }

    @Test
    void uuidsAndInstantsAreStrictAndWithinRange() {
        assertEquals(new Range(null, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z")),
                bind("{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"9999-12-31T23:59:59Z\"}", Range.class));
        assertEquals("from", refusedField("{\"from\":\"-999999999-01-01T00:00:00Z\"}", Range.class));
        assertEquals("to", refusedField("{\"to\":\"+999999999-12-31T23:59:59Z\"}", Range.class));
        assertEquals("from", refusedField("{\"from\":\"yesterday\"}", Range.class));
        assertEquals("orderId", refusedField("{\"orderId\":\"1-1-1-1-1\"}", Range.class));
        assertEquals("orderId", refusedField("{\"orderId\":\"{" + UUID.randomUUID() + "}\"}", Range.class));
    }
}

package org.waybill.it;

import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.waybill.it.TestStack.db;

/** Placing and following orders through the REST API of the WildFly under test. */
final class Orders {
    /** The timeline of an order that went through every step. */
    static final List<String> HAPPY_PATH = List.of("order.created", "inventory.reserved", "payment.charged",
            "shipment.scheduled", "notification.email-requested", "notification.sent", "order.completed");

    private Orders() {
    }

    /** Places an order of {@code lines} ("SKU:quantity", ...) and returns its id. */
    static String place(String customerId, String paymentToken, String... lines) {
        return place(Api.operator(), customerId, paymentToken, lines);
    }

    /** Places an order through that client (another user, another node). */
    static String place(Api.Client client, String customerId, String paymentToken, String... lines) {
        Api.Reply created = client.post("/orders", json(customerId, paymentToken, lines));
        assertEquals(201, created.status(), created.body());
        return created.json().getString("id");
    }

    /** The body of a request placing an order of {@code lines} ("SKU:quantity", ...). */
    static String json(String customerId, String paymentToken, String... lines) {
        StringBuilder json = new StringBuilder("{\"customerId\":\"" + customerId + "\",\"paymentToken\":\""
                + paymentToken + "\",\"lines\":[");
        for (int i = 0; i < lines.length; i++) {
            String[] line = lines[i].split(":");
            json.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(line[0]).append("\",\"quantity\":")
                    .append(line[1]).append('}');
        }
        return json.append("]}").toString();
    }

    static JsonObject get(String id) {
        return get(Api.operator(), id);
    }

    /**
     * The order as that client's node serves it (a node on a database of its own). Any other answer fails the test
     * with its body: a problem document has a numeric {@code status}, which the callers would misread.
     */
    static JsonObject get(Api.Client client, String id) {
        Api.Reply order = client.get("/orders/" + id);
        assertEquals(200, order.status(), () -> "GET /orders/" + id + ": " + order.body());
        return order.json();
    }

    static JsonObject awaitStatus(String id, String status) {
        return Eventually.await("order " + id + " to reach " + status, Duration.ofSeconds(90),
                () -> get(id), o -> status.equals(o.getString("status")));
    }

    static JsonObject awaitFinal(String id) {
        return awaitFinal(Api.operator(), id);
    }

    static JsonObject awaitFinal(Api.Client client, String id) {
        return Eventually.await("order " + id + " to end", Duration.ofSeconds(180), () -> get(client, id),
                o -> List.of("COMPLETED", "CANCELLED").contains(o.getString("status")));
    }

    /** Waits until every event on the order's timeline is published (the last one follows the status by a moment). */
    static JsonObject awaitPublished(String id) {
        return Eventually.await("all events of " + id + " published", Duration.ofSeconds(30), () -> get(id),
                o -> o.getJsonArray("timeline").getValuesAs(JsonObject.class).stream()
                        .allMatch(e -> e.containsKey("publishedAt")));
    }

    static List<String> timelineTypes(JsonObject order) {
        return order.getJsonArray("timeline").getValuesAs(JsonObject.class).stream().map(e -> e.getString("type")).toList();
    }

    static long reserved(String sku) {
        return db().number("SELECT stock_reserved FROM products WHERE sku = ?", sku);
    }
}

package org.waybill.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.waybill.stack.AppUser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/** The REST API's contract: who may call what, listing, versions, and the OpenAPI document that describes it. */
@ArquillianTest
class RestApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    private static AppUser user(String role) {
        return TestStack.stack().settings().userInRole(role);
    }

    private static void assertProblem(int status, Api.Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.contentType().split(";")[0].trim(), reply.body());
        assertEquals(status, reply.json().getInt("status"));
        assertFalse(reply.json().getString("detail").isBlank());
    }

    @AfterEach
    void removeFaults() {
        WriteFaults.remove();
    }

    @Test
    void anonymousCallsGet401WithABasicChallengeExceptTheHealthCheck() {
        Api.Reply orders = Api.anonymous().get("/orders");
        assertProblem(401, orders);
        assertTrue(orders.header("WWW-Authenticate").startsWith("Basic"), orders.headers().toString());
        assertProblem(401, Api.anonymous().post("/orders", "{}"));
        assertProblem(401, Api.as("olivia", "wrong password").get("/orders"));

        Api.Reply health = Api.anonymous().get("/health");
        assertEquals(200, health.status(), health.body());
        assertTrue(health.json().getBoolean("up"));
    }

    @ParameterizedTest
    @CsvSource({"GET,/dead-letters", "GET,/dead-letters/waybill.email", "POST,/dead-letters/redrive",
            "POST,/dead-letters/waybill.email/retry", "POST,/replays", "GET,/replays/00000000-0000-0000-0000-000000000000",
            "GET,/operations", "GET,/outbox/set-aside",
            "POST,/outbox/set-aside/1/retry"})
    void aCustomerMayNotOperate(String method, String path) {
        Api.Client alice = Api.as(user("customer"));
        Api.Reply reply = method.equals("GET") ? alice.get(path) : alice.post(path, "{\"reason\":\"x\"}");
        assertProblem(403, reply);
    }

    @Test
    void aCustomerPlacesAndSeesOnlyTheirOwnOrders() {
        AppUser alice = user("customer");
        Api.Client asAlice = Api.as(alice);
        Api.Reply own = asAlice.post("/orders", "{\"lines\":[{\"sku\":\"WB-PEN-BLK\",\"quantity\":1}]}");
        assertEquals(201, own.status(), own.body());
        assertEquals(alice.name(), own.json().getString("customerId"), "a customer's order is theirs");
        String ownId = own.json().getString("id");

        assertProblem(403, asAlice.post("/orders",
                "{\"customerId\":\"someone-else\",\"lines\":[{\"sku\":\"WB-PEN-BLK\",\"quantity\":1}]}"));

        String othersId = Orders.place("someone-else", "tok_sandbox", "WB-PEN-BLK:1");
        assertProblem(404, asAlice.get("/orders/" + othersId));
        assertProblem(404, asAlice.post("/orders/" + othersId + "/cancel", "{}"));
        assertEquals(200, asAlice.get("/orders/" + ownId).status());

        Set<String> listed = asAlice.get("/orders?limit=100").json().getJsonArray("orders")
                .getValuesAs(JsonObject.class).stream().map(o -> o.getString("customerId")).collect(Collectors.toSet());
        assertEquals(Set.of(alice.name()), listed, "the list holds the customer's orders only");
        JsonObject detail = asAlice.get("/orders/" + ownId).json();
        assertFalse(detail.containsKey("retries"), "retries and dead letters are for operators");
    }

    @Test
    void ordersAreListedAPageAtATimeFilteredAndSorted() {
        String customer = "lister-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = List.of(Orders.place(customer, "tok_sandbox", "WB-NOTE-A5:1"),
                Orders.place(customer, "tok_sandbox", "WB-NOTE-A5:3"),
                Orders.place(customer, "tok_sandbox", "WB-NOTE-A5:2"));

        JsonObject first = Api.get("/orders?customerId=" + customer + "&limit=2").json();
        assertEquals(3, first.getInt("total"));
        List<JsonObject> page = first.getJsonArray("orders").getValuesAs(JsonObject.class);
        assertEquals(List.of(ids.get(2), ids.get(1)), page.stream().map(o -> o.getString("id")).toList(),
                "newest first");
        JsonObject second = Api.get("/orders?customerId=" + customer + "&limit=2&offset=2").json();
        assertEquals(List.of(ids.get(0)), second.getJsonArray("orders").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("id")).toList());

        List<Integer> units = Api.get("/orders?customerId=" + customer + "&sort=total&order=asc").json()
                .getJsonArray("orders").getValuesAs(JsonObject.class).stream().map(o -> o.getInt("units")).toList();
        assertEquals(List.of(1, 2, 3), units, "sorted by total, ascending");

        Orders.awaitStatus(ids.get(0), "COMPLETED");
        JsonObject completed = Api.get("/orders?customerId=" + customer + "&status=completed&placedFrom="
                + java.time.Instant.now().minusSeconds(3600)).json();
        assertTrue(completed.getJsonArray("orders").getValuesAs(JsonObject.class).stream()
                .allMatch(o -> o.getString("status").equals("COMPLETED")));
        assertTrue(completed.getInt("total") >= 1);
        assertEquals(0, Api.get("/orders?customerId=" + customer + "&placedTo=2020-01-01T00:00:00Z").json().getInt("total"));
    }

    /** A request of before order.created v2 still works: the catalogue's currency, no address. */
    @Test
    void anOrderWithoutCurrencyOrAddressTakesTheDefaults() {
        Api.Reply placed = Api.post("/orders", "{\"customerId\":\"kim\",\"lines\":[{\"sku\":\"WB-CAP-01\",\"quantity\":1}]}");
        assertEquals(201, placed.status(), placed.body());
        assertEquals("EUR", placed.json().getString("currency"));
        assertTrue(!placed.json().containsKey("shippingAddress") || placed.json().isNull("shippingAddress"), placed.body());
        String id = placed.json().getString("id");
        Orders.awaitStatus(id, "COMPLETED");
        assertEquals("EUR 18.00", db().text("SELECT (payload->'amount'->>'currency') || ' ' || "
                + "((payload->'amount'->>'value')::numeric(12, 2))::text FROM event_history "
                + "WHERE aggregate_id = ? AND event_type = 'payment.charged' AND event_version = 2", id));
    }

    @Test
    void anOrderWithItsAddressCarriesItInOrderCreatedV2() {
        String address = "{\"name\":\"Kim Lee\",\"street\":\"Hauptstraße 1\",\"postalCode\":\"10115\","
                + "\"city\":\"Berlin\",\"country\":\"DE\"}";
        Api.Reply placed = Api.post("/orders", "{\"customerId\":\"kim\",\"currency\":\"EUR\",\"shippingAddress\":"
                + address + ",\"lines\":[{\"sku\":\"WB-CAP-01\",\"quantity\":1}]}");
        assertEquals(201, placed.status(), placed.body());
        assertEquals("Berlin", placed.json().getJsonObject("shippingAddress").getString("city"));
        String id = placed.json().getString("id");
        Orders.awaitStatus(id, "COMPLETED");
        assertEquals("Hauptstraße 1", db().text("SELECT payload->'shippingAddress'->>'street' FROM event_history "
                + "WHERE aggregate_id = ? AND event_type = 'order.created' AND event_version = 2", id));
    }

    @Test
    void anotherCurrencyOrAnIncompleteAddressIsNamedInA400() {
        Api.Reply reply = Api.post("/orders", "{\"customerId\":\"kim\",\"currency\":\"USD\",\"shippingAddress\":"
                + "{\"name\":\"Kim\",\"street\":\" \",\"postalCode\":\"1\",\"country\":\"Germany\"},"
                + "\"lines\":[{\"sku\":\"WB-CAP-01\",\"quantity\":1}]}");
        assertProblem(400, reply);
        Set<String> fields = reply.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field")).collect(Collectors.toSet());
        assertEquals(Set.of("currency", "shippingAddress.street", "shippingAddress.city", "shippingAddress.country"),
                fields, reply.body());
    }

    @Test
    void listParametersThatDoNotParseAreNamedInOne400() {
        Api.Reply reply = Api.get("/orders?status=LOST&placedFrom=yesterday&sort=colour&order=up&limit=0");
        assertProblem(400, reply);
        Set<String> fields = reply.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field")).collect(Collectors.toSet());
        assertTrue(fields.containsAll(Set.of("status", "placedFrom", "sort", "order")), reply.body());
        assertProblem(400, Api.get("/orders?limit=101"));
        assertProblem(400, Api.get("/orders?offset=-1"));
    }

    @Test
    void theETagFollowsTheOrderAndGuardsTheCancel() {
        String id = Orders.place("harry", "tok_sandbox", "WB-CAP-01:1");
        Api.Reply read = Api.get("/orders/" + id);
        String etag = read.header("ETag");
        assertEquals("\"" + read.json().getInt("version") + "\"", etag);
        Orders.awaitStatus(id, "COMPLETED");

        Api.Reply later = Api.get("/orders/" + id);
        assertNotEquals(etag, later.header("ETag"), "every status change is a new version");
        assertEquals(304, Api.get("/orders/" + id, "If-None-Match", later.header("ETag")).status());

        String open = Orders.place("harry", "tok_sandbox", "WB-CAP-01:1");
        String openTag = Api.get("/orders/" + open).header("ETag");
        Orders.awaitStatus(open, "COMPLETED");
        assertProblem(412, Api.post("/orders/" + open + "/cancel", "{}", "If-Match", openTag));
        assertProblem(409, Api.post("/orders/" + open + "/cancel", "{}"));
        assertProblem(400, Api.post("/orders/" + open + "/cancel", "{}", "If-Match", "v1"));
        assertProblem(404, Api.post("/orders/" + UUID.randomUUID() + "/cancel", "{}"));
    }

    @Test
    void aCancelWithTheCurrentVersionIsAccepted() {
        // Payment cannot record this customer's charge and retries: the order waits before its shipment.
        WriteFaults.failWrites("payments", "NEW.customer_id = 'ivy' AND NEW.status = 'CHARGED'");
        String id = Orders.place("ivy", "tok_sandbox", "WB-CAP-01:1");
        Orders.awaitStatus(id, "STOCK_RESERVED");
        Api.Reply read = Api.get("/orders/" + id);
        Api.Reply cancel = Api.post("/orders/" + id + "/cancel", "{\"reason\":\"changed my mind\"}",
                "If-Match", read.header("ETag"));
        WriteFaults.heal();
        assertEquals(202, cancel.status(), cancel.body());
        assertEquals("CANCELLING", cancel.json().getString("status"));
        assertNotEquals(read.header("ETag"), cancel.header("ETag"), "the cancel made a new version");
        assertEquals("CANCELLED", Orders.awaitFinal(id).getString("status"));
    }

    @Test
    void deadLetterCountsComeFromTheBrokerAndRetryAllSendsEveryMessageBack() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        Broker.sendUnprocessableTo(first);
        Broker.sendUnprocessableTo(second);
        JsonObject counts = Eventually.await("both parked", java.time.Duration.ofSeconds(30),
                () -> Api.get("/dead-letters").json(), c -> c.getInt("waybill.events.inventory") >= 2);
        assertEquals(Set.copyOf(Broker.CONSUMED_QUEUES), counts.keySet());

        Api.Reply retried = Api.post("/dead-letters/waybill.events.inventory/retry", "");
        assertEquals(200, retried.status(), retried.body());
        assertTrue(retried.json().getInt("retried") >= 2, retried.body());
        // Still poison: each is parked again, counted as retried once.
        for (String order : List.of(first, second)) {
            Eventually.await("retried and parked again: " + order, java.time.Duration.ofSeconds(30),
                    () -> jakarta.json.Json.createReader(new java.io.StringReader(
                                    Api.get("/dead-letters/waybill.events.inventory").body())).readArray()
                            .getValuesAs(JsonObject.class).stream()
                            .filter(l -> order.equals(l.getString("aggregateId", null))).findFirst().orElse(null),
                    l -> l != null && l.getInt("retries") == 1);
        }
        assertProblem(404, Api.get("/dead-letters/no.such.queue"));
        assertProblem(404, Api.post("/dead-letters/no.such.queue/retry", ""));
    }

    @Test
    void productsShowTheStockAvailableNow() {
        Api.Reply reply = Api.as(user("customer")).get("/products");
        assertEquals(200, reply.status(), reply.body());
        List<JsonObject> products = jakarta.json.Json.createReader(new java.io.StringReader(reply.body())).readArray()
                .getValuesAs(JsonObject.class);
        JsonObject poster = products.stream().filter(p -> p.getString("sku").equals("WB-POSTER-01")).findFirst().orElseThrow();
        assertEquals(0, poster.getInt("available"), "the poster is sold out");
        JsonObject mug = products.stream().filter(p -> p.getString("sku").equals("WB-MUG-01")).findFirst().orElseThrow();
        assertEquals(500 - Orders.reserved("WB-MUG-01"), mug.getInt("available"), "on hand less what is held");
        assertEquals("12.50", mug.getJsonNumber("unitPrice").bigDecimalValue().setScale(2).toPlainString());
    }

    @Test
    void operationsShowEveryConsumedQueueTheOutboxAndTheSteps() {
        Orders.awaitStatus(Orders.place("jack", "tok_sandbox", "WB-MUG-01:1"), "COMPLETED");
        JsonObject report = Eventually.await("steps recorded", java.time.Duration.ofSeconds(30),
                () -> Api.get("/operations").json(), r -> !r.getJsonArray("steps").isEmpty());
        Set<String> queues = report.getJsonArray("queues").getValuesAs(JsonObject.class).stream()
                .map(q -> q.getString("name")).collect(Collectors.toSet());
        assertEquals(Set.copyOf(Broker.CONSUMED_QUEUES), queues, report.toString());
        JsonObject inventory = report.getJsonArray("queues").getValuesAs(JsonObject.class).stream()
                .filter(q -> q.getString("name").equals("waybill.events.inventory")).findFirst().orElseThrow();
        assertEquals(Broker.queueCounter("waybill.events.inventory", "MessagesAdded"),
                inventory.getJsonNumber("added").longValue(), "the broker's own counter");
        assertTrue(inventory.getInt("consumers") >= 1);
        assertTrue(report.getJsonObject("outbox").containsKey("backlog"));
        assertTrue(report.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                .anyMatch(s -> s.getString("consumer").equals("inventory") && s.getInt("processed") >= 1));
    }

    @Test
    void theOpenApiDocumentDescribesWhatTheResourcesAccept() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        System.getProperty("waybill.it.api").replace("/waybill/api", "/openapi?format=JSON"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonObject doc = jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readObject();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : List.of("/waybill/api/orders", "/waybill/api/orders/{id}", "/waybill/api/orders/{id}/cancel",
                "/waybill/api/products", "/waybill/api/dead-letters", "/waybill/api/dead-letters/{queue}",
                "/waybill/api/replays", "/waybill/api/replays/{id}", "/waybill/api/health", "/waybill/api/operations",
                "/waybill/api/outbox/set-aside",
                "/waybill/api/outbox/set-aside/{outboxId}/retry")) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
        JsonObject post = paths.getJsonObject("/waybill/api/orders").getJsonObject("post");
        assertTrue(post.getJsonObject("responses").containsKey("201"));
        assertTrue(post.getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                .anyMatch(p -> p.getString("name").equals("Idempotency-Key")));
        JsonObject line = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Line");
        JsonObject quantity = line.getJsonObject("properties").getJsonObject("quantity");
        assertEquals(10_000, quantity.getInt("maximum"), "Bean Validation's @Max shows in the document: " + line);
        assertTrue(doc.getJsonObject("components").containsKey("securitySchemes"));
    }

    /**
     * The AsyncAPI document is served to anyone, parses, and every JSON Schema it references resolves against its own
     * URL and parses; its HTML rendering is served too (or, from a build without Node.js, the page that says so).
     */
    @Test
    void theAsyncApiDocumentIsServedWithTheSchemasItReferences() throws Exception {
        URI document = URI.create(System.getProperty("waybill.it.api").replace("/api", "/schemas/asyncapi.yaml"));
        HttpResponse<String> served = anonymous(document);
        assertEquals(200, served.statusCode(), served.body());
        assertEquals("application/yaml;charset=UTF-8", served.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(served.body());
        assertEquals("3.0.0", yaml.get("asyncapi"));
        Set<String> references = new TreeSet<>();
        collectReferences(yaml, references);
        references.removeIf(reference -> reference.startsWith("#"));
        assertTrue(references.contains("events/order.created/v1.schema.json") && references.contains("envelope.schema.json"),
                references.toString());
        for (String reference : references) {
            HttpResponse<String> schema = anonymous(document.resolve(reference));
            assertEquals(200, schema.statusCode(), reference);
            JsonObject parsed = jakarta.json.Json.createReader(new java.io.StringReader(schema.body())).readObject();
            assertEquals("https://json-schema.org/draft/2020-12/schema", parsed.getString("$schema"), reference);
        }
        assertEquals(404, anonymous(document.resolve("released.sha256")).statusCode(), "only the documents are served");
        HttpResponse<String> html = anonymous(document.resolve("../asyncapi/"));
        assertEquals(200, html.statusCode());
        assertTrue(html.body().contains("Waybill events"), html.body().substring(0, Math.min(500, html.body().length())));
    }

    private static HttpResponse<String> anonymous(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void collectReferences(Object node, Set<String> references) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    references.add((String) value);
                } else {
                    collectReferences(value, references);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, references));
        }
    }
}


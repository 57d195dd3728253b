package org.waybill.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.AppUser;
import org.waybill.stack.ServerLog;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * A seeded fuzz of the API and the order form: thousands of hostile requests (every path and method, malformed
 * JSON, wrong types, huge and foreign-script numbers, control characters, duplicate keys, trailing text, huge
 * strings, bad dates, UUIDs, headers and content types), as a customer, an operator and strangers. Asserts no
 * 5xx, every API error a problem+json with a detail, every order placed exactly as its request asked and only
 * when the request was valid, and the database's invariants afterwards. Prints its figures; never asserts on
 * time. {@code -Dwaybill.fuzz.seed=...} repeats a run; {@code -Dwaybill.fuzz.requests=...} sets its size.
 */
@ArquillianTest
class HostileInputIT {
    private static final List<String> SKUS = List.of("WB-MUG-01", "WB-PEN-BLK", "WB-NOTE-A5", "WB-CAP-01");
    private static final List<String> QUEUES = List.of("waybill.email", "waybill.events.inventory");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final List<String> PATHS = List.of("/orders", "/orders/{id}", "/orders/{id}/cancel", "/products",
            "/dead-letters", "/dead-letters/{queue}", "/dead-letters/redrive", "/dead-letters/{queue}/retry",
            "/dead-letters/{queue}/{id}/retry", "/dead-letters/{queue}/{id}/discard", "/replays", "/health",
            "/operations", "/{junk}", "/orders/{id}/{junk}");

    private final long seed = Long.getLong("waybill.fuzz.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final Map<String, Integer> statusClasses = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    /** Orders the fuzz placed, with the lines (SKU to quantity, in order) their request asked for. */
    private final Map<String, List<Map.Entry<String, Integer>>> placed = new LinkedHashMap<>();
    private final List<String> orderIds = new ArrayList<>();
    private long maxNanos;
    private int requests;

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    /** One request's body and, when it is a valid order, the lines it asks for (null otherwise). */
    private record Body(String json, List<Map.Entry<String, Integer>> validLines) {
    }

    @Test
    void hostileRequestsGetA4xxProblemAndNeverChangeAnOrder() {
        System.out.println("HostileInputIT seed " + seed + " (repeat with -Dwaybill.fuzz.seed=" + seed + ")");
        Path log = TestStack.stack().node(1).serverLog();
        int logBefore = ServerLog.text(log).length();
        AppUser customer = TestStack.stack().settings().userInRole("customer");
        AppUser operator = TestStack.stack().settings().userInRole("operator");
        orderIds.add(Orders.place(customer.name(), "tok_sandbox", "WB-MUG-01:1"));
        orderIds.add(Orders.place("fuzz-seed", "tok_sandbox", "WB-PEN-BLK:2"));
        int apiRequests = Integer.getInteger("waybill.fuzz.requests", 2_200);
        for (int i = 0; i < apiRequests; i++) {
            AppUser user = random.nextInt(10) < 5 ? customer : operator;
            String authorization = switch (random.nextInt(40)) {
                case 0 -> null;
                case 1 -> RawHttp.basic(user.name(), "wrong");
                // Not Basic credentials: not base64, nothing after the scheme, no colon, not UTF-8, not ASCII.
                case 2 -> pick("Basic %%%", "Basic", "Basic a", "Basic bm8tY29sb24=", "Basic /w==", "Basic \u00e9",
                        "basic  " + RawHttp.basic(user.name(), user.password()).substring(6), "Bearer %%%");
                default -> RawHttp.basic(user.name(), user.password());
            };
            api(authorization, user == operator);
        }
        for (int i = 0; i < 150; i++) {
            form(random.nextBoolean() ? customer : operator, customer);
        }
        checkPlacedOrders();
        checkInvariants();
        long fiveHundreds = statusClasses.getOrDefault("5xx", 0);
        System.out.printf("HostileInputIT: %d requests, by status class %s, max latency %.0f ms, %d orders placed "
                + "and checked, seed %d%n", requests, statusClasses, maxNanos / 1e6, placed.size(), seed);
        assertTrue(failures.isEmpty(), failures.size() + " failures (seed " + seed + "):\n"
                + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        assertEquals(0, fiveHundreds, "no 5xx");
        // A request the server failed to handle, even when its client got a proper answer (UnauthenticatedCallsIT).
        assertEquals(List.of(), ServerLog.text(log).substring(logBefore).lines()
                .filter(line -> line.contains("UT005023")).toList(), "Undertow's unhandled exceptions (seed " + seed + ")");
        assertTrue(requests >= 2_000, "at least 2,000 requests: " + requests);
    }

    private void api(String authorization, boolean operator) {
        // A third of the requests place orders: the ones that can change data.
        boolean placing = random.nextInt(3) == 0;
        String method = placing ? "POST" : METHODS.get(random.nextInt(METHODS.size()));
        String template = placing ? "/orders" : PATHS.get(random.nextInt(PATHS.size()));
        if (random.nextInt(3) == 0) {
            method = template.endsWith("cancel") || template.endsWith("retry") || template.endsWith("discard")
                    || template.equals("/replays") || template.endsWith("redrive") ? "POST" : method;
        }
        String path = template.replace("{id}", id()).replace("{queue}", pickFrom(QUEUES, "no.such", "%00", "DLQ", "a%0Ab",
                "x".repeat(300))).replace("{junk}", pick("x", "%00", "%E2%80%AE", "..", "%2F", "{}", "\u00e9", "%ZZ", "%", "%4",
                "{" + UUID.randomUUID() + "}", "a|b", "^", "`", "<b>", "\"", "\\", "#", "%7F", "\u4e2d"));
        if (template.equals("/orders") && method.equals("GET")) {
            path += query();
        }
        List<String> headers = new ArrayList<>();
        if (authorization != null) {
            headers.addAll(List.of("Authorization", authorization));
        }
        Body body = null;
        if (!method.equals("GET") && !method.equals("OPTIONS") && random.nextInt(8) != 0) {
            body = body(template);
            String type = pick("application/json", "application/json", "application/json", "application/json",
                    "application/json; charset=utf-8", "%%%", "text/plain", "application/json; charset=latin1",
                    "application/xml", "application/json;a", "*/*");
            if (random.nextInt(20) != 0) {
                headers.addAll(List.of("Content-Type", type));
            }
        }
        if (random.nextInt(4) == 0) {
            headers.addAll(List.of("Accept", pick("application/json", "text/html", "%%%", "*/*", "application/xml",
                    "application/problem+json", "application/json;q=abc")));
        }
        if (random.nextInt(3) == 0) {
            headers.addAll(List.of("Idempotency-Key", pick(UUID.randomUUID().toString(), "fixed-key", "", " ",
                    "k".repeat(101), "\u00fc\u00fc", "a b")));
        }
        if (random.nextInt(6) == 0) {
            headers.addAll(List.of("If-Match", pick("\"1\"", "v1", "*", "\"99999999999999999999\"", "\"-1\"", "W/\"1\"")));
        }
        byte[] bytes = body == null ? null : random.nextInt(40) == 0
                ? new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}
                : body.json().getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = send(method, RawHttp.apiPath(path), bytes, headers.toArray(String[]::new));
        String what = method + " " + path + " " + headers + " " + (body == null ? "" : shorten(body.json()));
        if (path.endsWith("/..")) {
            // "/api/.." is the screens' root, not the API: whatever it answers, it is no 5xx (checked in send).
            return;
        } else if (answer.status() >= 400 && !answer.mediaType().equals("application/problem+json")) {
            failures.add(answer.status() + " not problem+json: " + what + " -> " + shorten(answer.body()));
        } else if (answer.status() >= 400 && answer.json().getString("detail", "").isBlank()) {
            failures.add(answer.status() + " without detail: " + what);
        }
        if (answer.status() == 201 && template.equals("/orders")) {
            String id = answer.json().getString("id");
            if (body == null || body.validLines() == null || (!operator && answer.json().getString("customerId").startsWith("fuzz"))) {
                failures.add("placed an order from a request that was not valid: " + what);
            } else {
                List<Map.Entry<String, Integer>> before = placed.putIfAbsent(id, body.validLines());
                if (before != null && !before.equals(body.validLines())) {
                    failures.add("the same order for two different requests: " + what);
                }
                orderIds.add(id);
            }
        }
    }

    private void form(AppUser user, AppUser customer) {
        boolean operator = !user.equals(customer);
        String quantity = pick(Integer.toString(1 + random.nextInt(10_000)), "-1", "0", "10001", "abc", "2147483648",
                "4294967297", "1.5", "+5", "\u0663", "\uff11", "1e2", " 7 ", "", "5\u0000", "0x10", "00012", "1,000");
        String sku = pick(SKUS.get(random.nextInt(SKUS.size())), "NOPE", "", "WB-MUG-01\u0000", "x".repeat(5_000));
        String customerId = operator ? pick("fuzz-form-" + random.nextInt(1_000), "", "a\u0000b", "line\nbreak",
                "y".repeat(101)) : null;
        String token = pick("tok_sandbox", "tok_declined", "tok_forged");
        long start = System.nanoTime();
        OrderForm.Submission submission = new OrderForm(user.name(), user.password())
                .submit(customerId, sku, quantity, token);
        count(submission.status(), System.nanoTime() - start, 2);
        String what = "form " + user.name() + " customer=" + customerId + " sku=" + shorten(sku) + " quantity=" + quantity;
        if (submission.status() != 200) {
            failures.add(submission.status() + " from " + what);
        }
        if (submission.placedOrder() != null) {
            String typed = quantity.strip();
            boolean valid = typed.matches("[0-9]{1,5}") && Integer.parseInt(typed) >= 1
                    && Integer.parseInt(typed) <= 10_000 && SKUS.contains(sku)
                    && (customerId == null || customerId.matches("fuzz-form-[0-9]+")) && !token.equals("tok_forged");
            if (!valid) {
                failures.add("the form placed an order from input that was not valid: " + what);
            } else {
                placed.put(submission.placedOrder(), List.of(Map.entry(sku, Integer.parseInt(typed))));
            }
        }
    }

    private RawHttp.Answer send(String method, String target, byte[] body, String... headers) {
        RawHttp.Answer answer = RawHttp.send(method, target, body, headers);
        count(answer.status(), answer.nanos(), 1);
        if (answer.status() >= 500) {
            failures.add(answer.status() + " for " + method + " " + target + " -> " + shorten(answer.body()));
        }
        return answer;
    }

    private void count(int status, long nanos, int howMany) {
        requests += howMany;
        statusClasses.merge(status / 100 + "xx", howMany, Integer::sum);
        maxNanos = Math.max(maxNanos, nanos);
    }

    private String id() {
        return pick(orderIds.get(random.nextInt(orderIds.size())), UUID.randomUUID().toString(),
                "{" + UUID.randomUUID() + "}", "not-a-uuid", "1-1-1-1-1", "%00", "-1", "x".repeat(2_000),
                UUID.randomUUID().toString().toUpperCase(), "%D9%A3");
    }

    private String query() {
        StringBuilder query = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            query.append(query.length() == 0 ? "?" : "&").append(pick("status=", "customerId=", "placedFrom=",
                    "placedTo=", "sort=", "order=", "offset=", "limit=", "junk=")).append(pick("PAID", "lost", "", "%00",
                    "%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "total",
                    "asc", "-1", "0", "101", "20", "%2B5", "%D9%A3", "1.5", "99999999999", "%ZZ", "x".repeat(3_000)));
        }
        return query.toString();
    }

    private Body body(String template) {
        if (random.nextInt(12) == 0) {
            return new Body(pick("", "{", "[]", "null", "\"x\"", "{}{}", "{\"lines\":", "42", "{\"a\":" + "[".repeat(5_000)),
                    null);
        }
        if (template.equals("/replays")) {
            return new Body(pick("{\"orderId\":\"" + id() + "\"}", "{\"from\":\"" + instant() + "\",\"to\":\"" + instant() + "\"}",
                    "{\"from\":\"" + instant() + "\"}", "{\"orderId\":5}"), null);
        }
        if (!template.equals("/orders")) {
            return new Body("{\"reason\":" + text("changed my mind") + extra() + "}", null);
        }
        return order();
    }

    /** An order body: valid unless one of its parts is hostile; the valid lines are remembered for the check. */
    private Body order() {
        boolean valid = true;
        StringBuilder json = new StringBuilder("{");
        if (random.nextInt(3) != 0) {
            // Refused for sure: control characters, too long, not a string. Odd but plain text ("<b>x</b>") is for
            // the customer-id rules to judge; an order placed for it must still hold what was asked.
            int kind = random.nextInt(8);
            String customer = kind < 5 ? "\"fuzz-" + random.nextInt(100) + "\""
                    : kind == 5 ? pick("\"<b>x</b>\"", "\"probe user\"", "\"a@b@c\"", "\"\u202e\"")
                    : pick("\"fuzz\\u0000\"", "\"fuzz\\r\\nforged\"", "\"\\u001b[31m\"", "\"\\ud800\"",
                    "\"" + "z".repeat(101) + "\"", "12", "[]", "{}", "true");
            valid &= kind < 6;
            json.append("\"customerId\":").append(customer).append(',');
        }
        int lineCount = switch (random.nextInt(12)) {
            case 0 -> 0;
            case 1 -> 101 + random.nextInt(50);
            case 2 -> 2_000;
            default -> 1 + random.nextInt(4);
        };
        valid &= lineCount >= 1 && lineCount <= 100;
        List<Map.Entry<String, Integer>> lines = new ArrayList<>();
        json.append("\"lines\":[");
        for (int i = 0; i < lineCount; i++) {
            String sku = SKUS.get(random.nextInt(SKUS.size()));
            int quantity = 1 + random.nextInt(3);
            String skuJson = "\"" + sku + "\"";
            String quantityJson = Integer.toString(quantity);
            if (random.nextInt(8) == 0) {
                valid = false;
                if (random.nextBoolean()) {
                    skuJson = pick("\"NOPE\"", "\"\"", "\"WB\\u0000\"", "\"WB\\n\"", "5", "null", "\"" + "s".repeat(70) + "\"");
                } else {
                    quantityJson = pick("0", "-1", "10001", "2147483648", "4294967297", "-4294967295", "1.5", "9999.9999",
                            "1e2", "1E0", "\"5\"", "\"+5\"", "\"\u0663\"", "\"\uff11\"", "null", "true", "[]", "{}",
                            "99999999999999999999999999");
                }
            }
            lines.add(Map.entry(sku, quantity));
            json.append(i == 0 ? "" : ",").append("{\"sku\":").append(skuJson).append(",\"quantity\":").append(quantityJson);
            if (random.nextInt(30) == 0) {
                valid = false;
                json.append(pick(",\"quantity\":1", ",\"qty\":1", ",\"sku\":\"WB-MUG-01\""));
            }
            json.append('}');
        }
        json.append(']');
        if (random.nextInt(3) == 0) {
            String token = pick("\"tok_sandbox\"", "\"tok_declined\"", "\"tok_\\u0000\"", "\"card 4242\"", "null", "1");
            valid &= token.equals("\"tok_sandbox\"") || token.equals("\"tok_declined\"") || token.equals("null");
            json.append(",\"paymentToken\":").append(token);
        }
        String extra = extra();
        // A customerId added after the lines is a duplicate only if the body named one already.
        boolean customerNamed = json.indexOf("\"customerId\":") >= 0;
        valid &= extra.isEmpty() || (extra.startsWith(",\"customerId\":") && !customerNamed);
        json.append(extra).append('}');
        if (random.nextInt(25) == 0) {
            valid = false;
            json.append(pick("garbage", "{}", "]", " 1"));
        }
        return new Body(json.toString(), valid ? lines : null);
    }

    /** Mostly nothing; sometimes a duplicate or unknown key. */
    private String extra() {
        return random.nextInt(15) == 0 ? pick(",\"lines\":[]", ",\"customerId\":\"x\"", ",\"admin\":true", ",\"reason\":\"x\"")
                : "";
    }

    private String text(String plain) {
        return pick("\"" + plain + "\"", "\"" + plain + "\\u0000\"", "\"" + plain + "\\r\\nforged\"",
                "\"" + plain + "\\u001b[31m\"", "\"\\ud800\"", "\"" + "z".repeat(600) + "\"", "\"" + "w".repeat(200_000) + "\"",
                "12", "null", "[]", "\"<b>x</b>\"", "\"\u202e\"");
    }

    private String instant() {
        return pick("2026-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "yesterday",
                "2026-13-01T00:00:00Z", "2026-01-01T00:00:00", "0000-01-01T00:00:00Z");
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private String pickFrom(List<String> first, String... more) {
        return random.nextBoolean() ? first.get(random.nextInt(first.size())) : pick(more);
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** Every order the fuzz placed holds exactly the lines its request asked for, and its total is theirs. */
    private void checkPlacedOrders() {
        try (Connection c = db().connect();
             PreparedStatement lines = c.prepareStatement(
                     "SELECT sku, quantity FROM order_lines WHERE order_id = ?::uuid ORDER BY line_no")) {
            for (Map.Entry<String, List<Map.Entry<String, Integer>>> order : placed.entrySet()) {
                lines.setString(1, order.getKey());
                List<Map.Entry<String, Integer>> stored = new ArrayList<>();
                try (ResultSet rs = lines.executeQuery()) {
                    while (rs.next()) {
                        stored.add(Map.entry(rs.getString(1), rs.getInt(2)));
                    }
                }
                if (!stored.equals(order.getValue())) {
                    failures.add("order " + order.getKey() + " holds " + stored + ", its request asked for " + order.getValue());
                }
                JsonObject read = Orders.get(order.getKey());
                BigDecimal total = read.getJsonNumber("total").bigDecimalValue();
                BigDecimal sum = new BigDecimal(db().text("SELECT sum(quantity * unit_price)::text FROM order_lines "
                        + "WHERE order_id = ?::uuid", order.getKey()));
                if (total.compareTo(sum) != 0) {
                    failures.add("order " + order.getKey() + " total " + total + " but its lines sum to " + sum);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkInvariants() {
        assertEquals(0, db().number("SELECT count(*) FROM products WHERE stock_on_hand < 0 OR stock_reserved < 0 "
                + "OR stock_reserved > stock_on_hand"), "stock never negative, never more held than on hand");
        assertEquals(0, db().number("SELECT count(*) FROM orders o WHERE NOT EXISTS "
                + "(SELECT 1 FROM order_lines l WHERE l.order_id = o.id)"), "no order without lines");
        assertEquals(0, db().number("SELECT count(*) FROM payments p WHERE p.status <> 'VOIDED' AND p.amount <> "
                + "(SELECT sum(l.quantity * l.unit_price) FROM order_lines l WHERE l.order_id = p.order_id)"),
                "every order's charge is the sum of its lines");
    }
}

package org.waybill.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.waybill.stack.AppUser;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * Input the API and the order form must refuse, each class with a problem+json 400 (or 404, 405, 413, 415) or a
 * message at the field, and nothing stored: numbers that are not JSON integers in range, control characters,
 * dates no database holds, more lines than an order may have, bodies too large, paths and methods the API does
 * not have, content types it does not read.
 */
@ArquillianTest
class StrictInputIT {
    private static final String ORDERS = RawHttp.apiPath("/orders");

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    private static AppUser operator() {
        return TestStack.stack().settings().userInRole("operator");
    }

    private static RawHttp.Answer asOperator(String method, String target, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = RawHttp.basic(operator().name(), operator().password());
        System.arraycopy(headers, 0, all, 2, headers.length);
        return RawHttp.send(method, target, body == null ? null : body.getBytes(StandardCharsets.UTF_8), all);
    }

    private static RawHttp.Answer postJson(String target, String body) {
        return asOperator("POST", target, body, "Content-Type", "application/json");
    }

    static void assertProblem(int status, RawHttp.Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.mediaType(), answer.body());
        assertEquals(status, answer.json().getInt("status"), answer.body());
        assertFalse(answer.json().getString("detail").isBlank(), answer.body());
    }

    private static String firstField(RawHttp.Answer answer) {
        return answer.json().getJsonArray("errors").getValuesAs(JsonObject.class).get(0).getString("field");
    }

    private static long ordersOf(String customer) {
        return db().number("SELECT count(*) FROM orders WHERE customer_id = ?", customer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4294967297", "-4294967295", "1.5", "9999.9999", "1e2", "\"+5\"", "\"\u0663\"",
            "\"\uff11\"", "\"2\"", "2147483648", "0", "-1", "10001", "true", "null"})
    void aQuantityIsAJsonIntegerFrom1To10000OrTheOrderIsRefused(String quantity) {
        String customer = "strict-" + UUID.randomUUID().toString().substring(0, 8);
        RawHttp.Answer answer = postJson(ORDERS, "{\"customerId\":\"" + customer + "\",\"lines\":[{\"sku\":\"WB-MUG-01\","
                + "\"quantity\":" + quantity + "}]}");
        assertProblem(400, answer);
        assertEquals("lines[0].quantity", firstField(answer));
        assertEquals(0, ordersOf(customer), "nothing stored");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "{}", " 1", "]"})
    void textAfterTheJsonValueIsRefused(String trailing) {
        String customer = "trailing-" + UUID.randomUUID().toString().substring(0, 8);
        assertProblem(400, postJson(ORDERS, "{\"customerId\":\"" + customer
                + "\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}" + trailing));
        assertEquals(0, ordersOf(customer));
    }

    @Test
    void duplicateAndUnknownKeysAreRefused() {
        RawHttp.Answer duplicate = postJson(ORDERS,
                "{\"customerId\":\"dup\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1,\"quantity\":2}]}");
        assertProblem(400, duplicate);
        assertEquals("lines[0].quantity", firstField(duplicate));
        RawHttp.Answer unknown = postJson(ORDERS, "{\"customerId\":\"dup\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"qty\":2}]}");
        assertProblem(400, unknown);
        assertEquals(0, ordersOf("dup"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\n", "\\u001b[2J", "\\u007f", "\\ud800"})
    void controlCharactersAreRefusedInEveryText(String escape) {
        String id = Orders.place("control-chars", "tok_sandbox", "WB-PEN-BLK:1");
        assertProblem(400, postJson(ORDERS, "{\"customerId\":\"ctl" + escape + "\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}"));
        assertProblem(400, postJson(ORDERS, "{\"customerId\":\"ctl\",\"lines\":[{\"sku\":\"WB" + escape + "\",\"quantity\":1}]}"));
        assertProblem(400, postJson(ORDERS + "/" + id + "/cancel", "{\"reason\":\"why" + escape + "\"}"));
        assertProblem(400, postJson(RawHttp.apiPath("/dead-letters/waybill.email/" + UUID.randomUUID() + "/discard"),
                "{\"reason\":\"why" + escape + "\"}"));
        assertEquals(0, ordersOf("ctl"));
        assertFalse(Orders.get(id).getString("status").startsWith("CANCEL"), "the order was not cancelled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "%0A", "%1B", "%7F"})
    void controlCharactersAreRefusedInQueriesAndPaths(String escaped) {
        assertProblem(400, asOperator("GET", ORDERS + "/%C2%85", null));
        assertProblem(400, asOperator("GET", ORDERS + "?customerId=a" + escaped + "b", null));
        for (String path : List.of(ORDERS + "/" + escaped, RawHttp.apiPath("/dead-letters/waybill.email" + escaped + "/retry"))) {
            assertRefusedBeforeSignIn(400, "POST", path);
        }
    }

    /**
     * Refused with a problem whoever asks: signed in, with a wrong password, with no or malformed credentials (the
     * login mechanisms failed on such requests with a 500 before the application ran).
     */
    private static void assertRefusedBeforeSignIn(int status, String method, String target) {
        for (String authorization : List.of(RawHttp.basic(operator().name(), operator().password()),
                RawHttp.basic(operator().name(), "wrong"), "Basic %%%")) {
            assertProblem(status, RawHttp.send(method, target, new byte[0], "Authorization", authorization));
        }
        assertProblem(status, RawHttp.send(method, target, new byte[0]));
    }

    /** Characters a URL must %-escape, raw in the request line, broken %-escapes: a problem, not Undertow's empty 400. */
    @ParameterizedTest
    @ValueSource(strings = {"/{ID}", "/%7B{ID}%7D", "/a|b", "/a^b", "/a`b", "/%3Cb%3E<b>", "/a\"b", "/a\\b",
            "/a#b", "/\u00e9t\u00e9", "/\u4e2d", "/%ZZ", "/%", "/%4", "/a%G0", "?customerId={x}", "?customerId=%Z1",
            "?customerId=\u00e9"})
    void urlsThatAreNotWellFormedAreProblems(String suffix) {
        String target = ORDERS + suffix.replace("ID", UUID.randomUUID().toString());
        assertRefusedBeforeSignIn(400, "GET", target);
        assertRefusedBeforeSignIn(400, "POST", target);
        RawHttp.Answer screen = RawHttp.send("GET", RawHttp.screenPath("/orders/index.xhtml" + suffix), null);
        assertEquals(400, screen.status(), "the screens refuse it too, never with a 5xx: " + screen.body());
        assertFalse(screen.body().isBlank(), "and say why");
    }

    /** Elytron's BASIC mechanism failed on these with a 500 (a DecodeException) before the application ran. */
    @ParameterizedTest
    @ValueSource(strings = {"Basic %%%", "Basic", "Basic a", "Basic YQ", "Basic OPERATOR=", "Basic \u00e9\u00e9\u00e9\u00e9",
            "Basic bm8tY29sb24=", "Basic OnBhc3N3b3Jk", "Basic /w==", "BASIC %%%"})
    void malformedBasicCredentialsAre401Problems(String authorization) {
        String header = authorization.replace("OPERATOR", RawHttp.basic(operator().name(), operator().password())
                .substring("Basic ".length()));
        for (String target : List.of(ORDERS, RawHttp.apiPath("/health"), RawHttp.apiPath("/no-such-thing"))) {
            RawHttp.Answer answer = RawHttp.send("GET", target, null, "Authorization", header);
            assertProblem(401, answer);
            assertTrue(answer.header("WWW-Authenticate").startsWith("Basic"), answer.headers().toString());
        }
        RawHttp.Answer placing = RawHttp.send("POST", ORDERS, "{\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}"
                .getBytes(StandardCharsets.UTF_8), "Authorization", header, "Content-Type", "application/json");
        assertProblem(401, placing);
        RawHttp.Answer screen = RawHttp.send("GET", RawHttp.screenPath("/orders/index.xhtml"), null, "Authorization", header);
        assertEquals(400, screen.status(), "the screens refuse it too, never with a 5xx: " + screen.body());
    }

    @Test
    void datesNoDatabaseHoldsAreRefusedBeforeAnyQuery() {
        for (String date : List.of("%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "10000-01-01T00:00:00Z")) {
            assertProblem(400, asOperator("GET", ORDERS + "?placedFrom=" + date, null));
            assertProblem(400, asOperator("GET", ORDERS + "?placedTo=" + date, null));
        }
        for (String range : List.of("{\"from\":\"-999999999-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}",
                "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"+999999999-12-31T23:59:59Z\"}",
                "{\"from\":\"2026-01-01T00:00:00\",\"to\":\"2027-01-01T00:00:00Z\"}",
                "{\"orderId\":\"{" + UUID.randomUUID() + "}\"}")) {
            assertProblem(400, postJson(RawHttp.apiPath("/replays"), range));
        }
    }

    @Test
    void listNumbersAreAsciiDigits() {
        for (String limit : List.of("%2B5", "%D9%A3", "%EF%BC%91", "1.5", "99999999999", "abc")) {
            RawHttp.Answer answer = asOperator("GET", ORDERS + "?limit=" + limit, null);
            assertProblem(400, answer);
            assertEquals("limit", firstField(answer));
        }
    }

    /** Before the fix the catalogue was asked for 80,000 SKUs, over PostgreSQL's 65,535 bind parameters: a 500. */
    @Test
    void theLineLimitIsCheckedBeforeAnyQuery() {
        String customer = "many-lines-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"customerId\":\"" + customer + "\",\"lines\":[" + "{\"sku\":\"A\"},".repeat(79_999) + "{\"sku\":\"A\"}]}";
        assertTrue(body.length() < 1 << 20, "within the body limit: it is the line limit that refuses it");
        RawHttp.Answer answer = postJson(ORDERS, body);
        assertProblem(400, answer);
        assertEquals("lines", firstField(answer), answer.body());
        assertEquals(0, ordersOf(customer));
        assertEquals(200, Api.anonymous().get("/health").status(), "the server answers");

        String line = "{\"sku\":\"WB-MUG-01\",\"quantity\":1},";
        String oneTooMany = "{\"customerId\":\"" + customer + "\",\"lines\":[" + line.repeat(100) + line.replace("},", "}]}");
        assertEquals("lines", firstField(postJson(ORDERS, oneTooMany)));
        assertEquals(0, ordersOf(customer));
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        byte[] start = "{\"lines\":[".concat("{\"sku\":\"WB-MUG-01\",\"quantity\":1},".repeat(2_000)).getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer declared = RawHttp.send("POST", ORDERS, start, "Authorization",
                RawHttp.basic(operator().name(), operator().password()), "Content-Type", "application/json",
                "Content-Length", Integer.toString(11 * 1024 * 1024));
        assertProblem(413, declared);

        byte[] large = ("{\"customerId\":\"" + "x".repeat(1_500_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        String chunk = Integer.toHexString(large.length) + "\r\n";
        byte[] chunked = new byte[chunk.length() + large.length + 7];
        System.arraycopy(chunk.getBytes(StandardCharsets.US_ASCII), 0, chunked, 0, chunk.length());
        System.arraycopy(large, 0, chunked, chunk.length(), large.length);
        System.arraycopy("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, chunked, chunk.length() + large.length, 7);
        RawHttp.Answer streamed = RawHttp.send("POST", ORDERS, chunked, "Authorization",
                RawHttp.basic(operator().name(), operator().password()), "Content-Type", "application/json",
                "Transfer-Encoding", "chunked");
        assertProblem(413, streamed);
    }

    /** Over the server's own limit of 64 MiB Undertow answered an empty 400 before the application. */
    @Test
    void aBodyDeclaredOverTheServersLimitIs413() {
        for (String size : List.of("67108865", "1099511627776")) {
            RawHttp.Answer answer = RawHttp.send("POST", ORDERS, "{}".getBytes(StandardCharsets.UTF_8), "Authorization",
                    RawHttp.basic(operator().name(), operator().password()), "Content-Type", "application/json",
                    "Content-Length", size);
            assertProblem(413, answer);
        }
        assertEquals(413, RawHttp.send("POST", RawHttp.screenPath("/orders/index.xhtml"), new byte[2],
                "Content-Length", "67108865").status(), "the screens too");
    }

    @Test
    void unmappedPathsAndMethodsAreProblems() {
        assertProblem(404, asOperator("GET", RawHttp.apiPath("/no-such-thing"), null));
        assertProblem(404, asOperator("GET", ORDERS + "/%7B" + UUID.randomUUID() + "%7D", null));
        assertProblem(404, asOperator("GET", ORDERS + "/not-a-uuid", null));
        assertProblem(404, asOperator("POST", ORDERS + "/" + UUID.randomUUID() + "x/cancel", "{}",
                "Content-Type", "application/json"));
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            RawHttp.Answer answer = asOperator(method, ORDERS, "{}", "Content-Type", "application/json");
            assertProblem(405, answer);
            assertTrue(answer.header("Allow").contains("POST"), answer.headers().toString());
        }
        assertProblem(405, asOperator("FETCH", ORDERS, null));
        assertProblem(405, asOperator("POST", RawHttp.apiPath("/products"), "{}", "Content-Type", "application/json"));
    }

    /** Request.evaluatePreconditions answered this 412 without a body (found by HostileInputIT). */
    @Test
    void aStaleIfMatchOnAReadIsAProblem() {
        String id = Orders.place("if-match", "tok_sandbox", "WB-PEN-BLK:1");
        assertProblem(412, asOperator("GET", ORDERS + "/" + id, null, "If-Match", "\"-1\""));
    }

    @Test
    void contentTypesTheApiDoesNotReadAre415() {
        String order = "{\"customerId\":\"types\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":1}]}";
        for (String type : List.of("%%%", "text/plain", "application/xml", "application/json; charset=ISO-8859-1",
                "application/x-www-form-urlencoded")) {
            assertProblem(415, asOperator("POST", ORDERS, order, "Content-Type", type));
        }
        assertProblem(400, asOperator("GET", ORDERS, null, "Accept", "%%%"));
        assertProblem(400, asOperator("GET", ORDERS, null, "Accept", "application/json;q=abc"));
        assertEquals(200, asOperator("GET", ORDERS, null, "Accept", "text/html;q=0.5, application/json;q=1").status());
        assertProblem(406, asOperator("GET", ORDERS, null, "Accept", "text/html"));
        assertEquals(0, ordersOf("types"));
    }

    /** The spinner placed an order for 1 for each of these, with no message. */
    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "10001", "abc", "2147483648", "1.5", "+5", "\u0663", "\uff11", "1e2", "5\u0000"})
    void theOrderFormShowsAMessageAtTheQuantityInsteadOfPlacingAnOrder(String quantity) {
        String customer = "form-" + UUID.randomUUID().toString().substring(0, 8);
        OrderForm.Submission submission = new OrderForm(operator().name(), operator().password())
                .submit(customer, "WB-MUG-01", quantity, "tok_sandbox");
        assertEquals(200, submission.status(), submission.body());
        assertNull(submission.placedOrder(), submission.body());
        assertTrue(submission.body().contains("Enter a whole number from 1 to 10000"), submission.body());
        assertEquals(0, ordersOf(customer));
    }

    @Test
    void theOrderFormPlacesWhatWasTyped() {
        String customer = "form-" + UUID.randomUUID().toString().substring(0, 8);
        OrderForm.Submission submission = new OrderForm(operator().name(), operator().password())
                .submit(customer, "WB-MUG-01", "7", "tok_sandbox");
        assertTrue(submission.placedOrder() != null, submission.body());
        assertEquals(7, db().number("SELECT quantity FROM order_lines WHERE order_id = ?::uuid AND sku = 'WB-MUG-01'",
                submission.placedOrder()));
        assertEquals(customer, db().text("SELECT customer_id FROM orders WHERE id = ?::uuid", submission.placedOrder()));
    }
}

package org.waybill.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.AppUser;
import org.waybill.stack.ServerLog;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * The web's defences: another site cannot make a signed-in browser change anything through the API, the session
 * cookie is SameSite, every screen carries the security headers, the error pages render with their status, the
 * screens and the API answer over HTTPS, and user text cannot forge lines in the server log.
 */
@ArquillianTest
class WebDefencesIT {
    private static final String ATTACKER = "https://attacker.example";
    /** A page that fails while it renders: the way to reach the error page for server errors. */
    private static final String BROKEN_PAGE = "it-broken.xhtml";

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        EnterpriseArchive ear = TestStack.ear();
        ear.getAsType(WebArchive.class, "waybill-web.war").addAsWebResource(new StringAsset(
                "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>#{'abc'.charAt(7)}</body></html>"), BROKEN_PAGE);
        return ear;
    }

    private static AppUser user(String role) {
        return TestStack.stack().settings().userInRole(role);
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndHttpOnlyAndSecureOverHttps() {
        // Cookie attribute names are case-insensitive (Undertow writes "secure").
        String plain = Screens.sessionCookie(Screens.http().get("/orders/index.xhtml")).toLowerCase(java.util.Locale.ROOT);
        assertTrue(plain.contains("samesite=lax"), plain);
        assertTrue(plain.contains("httponly"), plain);
        assertFalse(plain.contains("secure"), "a Secure cookie would never come back over HTTP: " + plain);

        String secure = Screens.sessionCookie(Screens.https().get("/orders/index.xhtml")).toLowerCase(java.util.Locale.ROOT);
        assertTrue(secure.contains("samesite=lax") && secure.contains("httponly") && secure.contains("secure"), secure);
    }

    @Test
    void aCrossSitePostWithTheSessionCookieIsRefusedAndChangesNothing() throws Exception {
        String order = UUID.randomUUID().toString();
        Broker.sendUnprocessableTo(order);
        JsonObject letter = Eventually.await("the poison message parked", Duration.ofSeconds(60),
                () -> letterOf(order), l -> l != null);
        String discard = "/dead-letters/waybill.events.inventory/" + letter.getString("messageId") + "/discard";
        Screens operator = Screens.https().signIn(user("operator"));

        for (String[] foreign : new String[][] {{"Origin", ATTACKER}, {"Origin", "null"},
                {"Referer", ATTACKER + "/page.html"}, {"Origin", Screens.http().origin()}, {}}) {
            HttpResponse<String> refused = operator.postJson(discard, "{\"reason\":\"forged\"}", foreign);
            assertEquals(403, refused.statusCode(), String.join(" ", foreign) + " " + refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(problem(refused).getString("detail").contains("another site"), refused.body());
        }
        assertEquals(403, operator.postJson("/dead-letters/redrive", "", "Origin", ATTACKER).statusCode());
        assertTrue(letterOf(order) != null, "still in the DLQ");
        assertEquals(0, db().number("SELECT count(*) FROM operator_actions WHERE event_id = ?",
                letter.getString("eventId")), "nothing audited: nothing was done");

        // From the screens' own origin the same cookie may act.
        HttpResponse<String> sameSite = operator.postJson(discard, "{\"reason\":\"discarded from the same origin\"}",
                "Origin", operator.origin());
        assertEquals(200, sameSite.statusCode(), sameSite.body());
        assertEquals(1, db().number("SELECT count(*) FROM operator_actions WHERE event_id = ?",
                letter.getString("eventId")));
        HttpResponse<String> byReferer = operator.postJson("/dead-letters/redrive", "",
                "Referer", operator.base() + "/operations/dead-letters.xhtml");
        assertEquals(200, byReferer.statusCode(), byReferer.body());
        // Reads are not state-changing: a GET needs no Origin.
        assertEquals(200, operator.get("/api/dead-letters").statusCode());
    }

    @Test
    void basicAuthenticatedCallsWorkFromAnyClientButNotFromAnotherSitesPage() {
        Api.Reply script = Api.post("/dead-letters/redrive", "");
        assertEquals(200, script.status(), "a client that sends no Origin (curl, a script) is not a browser: " + script.body());
        Api.Reply browser = Api.post("/dead-letters/redrive", "", "Origin", ATTACKER);
        assertEquals(403, browser.status(), "browsers send remembered Basic credentials cross-site too: " + browser.body());
        assertTrue(browser.contentType().startsWith("application/problem+json"), browser.contentType());
    }

    @Test
    void everyScreenResponseCarriesTheSecurityHeaders() {
        HttpResponse<String> page = Screens.https().signIn(user("customer")).get("/orders/index.xhtml");
        assertEquals(200, page.statusCode());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.matches(".*script-src 'self' 'nonce-[^']+'.*"), "scripts only from here or with the nonce: " + policy);
        assertEquals("DENY", header(page, "X-Frame-Options"));
        assertEquals("nosniff", header(page, "X-Content-Type-Options"));
        assertEquals("same-origin", header(page, "Referrer-Policy"));
        assertTrue(header(page, "Strict-Transport-Security").startsWith("max-age="));

        HttpResponse<String> login = Screens.http().get("/orders/index.xhtml");
        assertTrue(login.body().contains("j_security_check"), "the login page");
        assertTrue(header(login, "Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("DENY", header(login, "X-Frame-Options"));
        assertEquals("", header(login, "Strict-Transport-Security"), "HSTS only over HTTPS");

        Api.Reply api = Api.get("/orders");
        assertEquals("nosniff", api.header("X-Content-Type-Options"));
        assertTrue(api.header("Content-Security-Policy").contains("frame-ancestors 'none'"), api.header("Content-Security-Policy"));
    }

    @Test
    void theErrorPagesRenderWithTheirStatus() {
        Screens customer = Screens.https().signIn(user("customer"));
        assertPage(customer.get("/operations/dashboard.xhtml"), 403, "You may not open this page");
        assertPage(customer.get("/orders/no-such-page.xhtml"), 404, "There is no such page");
        assertPage(customer.get("/" + BROKEN_PAGE), 500, "The server could not show this page");

        String form = customer.get("/orders/new.xhtml").body();
        String realState = Screens.viewState(form);
        Path log = TestStack.stack().node(1).serverLog();
        int logBefore = ServerLog.text(log).length();
        HttpResponse<String> forged = customer.post("/orders/new.xhtml", "order=order&order%3Aplace=&"
                + "jakarta.faces.ViewState=" + Screens.encode("-123:456" + realState.hashCode()),
                "Origin", customer.origin());
        assertPage(forged, 400, "This page was open too long");
        assertTrue(header(forged, "Content-Security-Policy").contains("frame-ancestors 'none'"), "error pages too");
        // The client's error, not the server's: no ERROR with a stack trace, as every session that timed out left.
        assertEquals(List.of(), ServerLog.text(log).substring(logBefore).lines()
                .filter(line -> line.contains(" ERROR ")).toList(), "errors logged for an expired view");
    }

    @Test
    void foreignTextCannotForgeALineInTheServerLog() throws Exception {
        // A message from outside with a line break and a terminal escape in its occurredAt: the consumer parks it and
        // logs why, quoting the text. (The API refuses control characters in its input; a message on the broker is
        // text nobody checked.)
        // Short: the reason quotes at most 64 characters of the text.
        String forged = "FORGED " + UUID.randomUUID().toString().substring(0, 8);
        Broker.sendUnprocessableTo(UUID.randomUUID().toString(),
                "soon\n2026-01-01 INFO [org.waybill] " + forged + " \u001b[31mred");
        Path log = TestStack.stack().settings().home().resolve("wildfly/standalone/log/server.log");
        String line = Eventually.await("the parked message in server.log", Duration.ofSeconds(60),
                () -> linesOf(log).filter(l -> l.contains(forged)).findFirst().orElse(null), l -> l != null);
        assertFalse(line.startsWith("2026-01-01"), "a line of its own, forged: " + line);
        assertTrue(line.contains("soon\\n2026-01-01"), "the line break is written as \\n: " + line);
        assertFalse(line.contains("\u001b"), "no terminal escape reaches the log: " + line);
    }

    @Test
    void wildFlysOwnLinesKeepTheirValuesThroughTheEscapingFilter() {
        // WildFly's messages are printf patterns; the filter once turned each into one printed without its values.
        Path log = TestStack.stack().settings().home().resolve("wildfly/standalone/log/server.log");
        List<String> lines = linesOf(log).filter(line -> line.contains("WFLYSRV0010")).toList();
        assertTrue(lines.stream().anyMatch(line -> line.matches(".*WFLYSRV0010: Deployed \"[^\"%]+\\.ear\".*")),
                "the EAR's name in WildFly's line: " + lines);
    }

    private static java.util.stream.Stream<String> linesOf(Path log) {
        return ServerLog.lines(log).stream();
    }

    private static void assertPage(HttpResponse<String> page, int status, String text) {
        assertEquals(status, page.statusCode(), page.body());
        assertTrue(page.body().contains(text), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    private static JsonObject problem(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static JsonObject letterOf(String aggregateId) {
        try (var reader = Json.createReader(new StringReader(Api.get("/dead-letters/waybill.events.inventory").body()))) {
            JsonArray letters = reader.readArray();
            return letters.getValuesAs(JsonObject.class).stream()
                    .filter(l -> aggregateId.equals(l.getString("aggregateId", null))).findFirst().orElse(null);
        }
    }
}

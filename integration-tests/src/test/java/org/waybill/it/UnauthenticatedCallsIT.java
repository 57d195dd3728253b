package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.ServerLog;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call of the API without valid credentials gets its 401 and leaves nothing behind, whatever its body. The login
 * form's mechanism, which sees such calls too, saves each request in a new session to replay it after a login; until
 * 2026-12-07 every one of those sessions lived 30 minutes with up to 16 KB of its body (anyone could pile them up),
 * and a body over 16 KB, which the mechanism leaves unread, made Undertow log an ERROR with a stack trace
 * ({@code UT010019: Response already commited}) for each call. A screen asked for without a session gets the login
 * page and a session that lives a minute (WAYBILL_SIGN_IN_SECONDS), not 30, unless its owner signs in; the login page
 * looked at directly makes none.
 */
@ArquillianTest
class UnauthenticatedCallsIT {
    private static final int CALLS = 20;
    /** How long a session made for the login form lives without a sign-in (the suite's WildFly has it too). */
    private static final Duration SIGN_IN_TIME =
            Duration.ofSeconds(Long.parseLong(System.getenv("WAYBILL_SIGN_IN_SECONDS")));

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void aCallWithoutValidCredentialsLeavesNoSessionAndNoErrorBehind() {
        Path log = TestStack.stack().node(1).serverLog();
        int logBefore = ServerLog.text(log).length();
        Set<String> before = sessions();
        String large = "{\"lines\": [], \"note\": \"" + "x".repeat(100_000) + "\"}";
        for (int i = 0; i < CALLS; i++) {
            assertEquals(401, Api.anonymous().post("/orders", large).status());
            // Not a real user's name: Elytron locks a user out for minutes after ten failed attempts in a row.
            assertEquals(401, Api.as("nobody-" + i, "wrong password").post("/orders", "{}").status());
            assertEquals(401, Api.anonymous().get("/orders").status());
        }
        Eventually.await("no session left by the " + 3 * CALLS + " calls (sessions made meanwhile)",
                Duration.ofSeconds(15), () -> madeSince(before), Set::isEmpty);
        assertEquals(List.of(), ServerLogs.complaints(ServerLog.text(log).substring(logBefore)),
                "lines of warning or error while the calls were answered");
    }

    @Test
    void aSessionMadeForTheLoginFormEndsSoonUnlessItsOwnerSignsIn() {
        Screens user = Screens.http().signIn(TestStack.stack().settings().userInRole("customer"));
        String signedIn = withoutRoute(user.session());
        Set<String> anonymous = new HashSet<>();
        for (int i = 0; i < CALLS; i++) {
            anonymous.add(loginFormSession(browser -> browser.get("/orders/new.xhtml")));
            anonymous.add(loginFormSession(browser -> browser.post("/orders/new.xhtml", "x=" + "y".repeat(10_000))));
        }
        assertEquals(2 * CALLS, anonymous.size(), "a session per request without a cookie");
        // A session ends on a timer after its time: half a minute beyond it is generous.
        Eventually.await("the end of the " + anonymous.size() + " sessions made for the login form (sessions left)",
                SIGN_IN_TIME.plusSeconds(30), () -> anonymous.stream().filter(sessions()::contains).count(),
                left -> left == 0);
        assertTrue(sessions().contains(signedIn), "the session of the user who signed in before them lives on");
        HttpResponse<String> page = user.get("/orders/index.xhtml");
        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains("j_security_check"), "still signed in, not sent to the login form");
    }

    /**
     * What anyone may read without signing in (web.xml's public paths: the health summary, the login page, the event
     * contracts and their page, the screens' files) makes no session, and neither does the error page of one that is
     * not there or of a method it does not take. Until 2026-12-07 each of those pages made a 30-minute session (a
     * minute for the login page), to save its view in (the menu's form, and the nonce of PrimeFaces' CSP in the
     * view's map).
     */
    @Test
    void whatAnyoneMayReadMakesNoSessionNorDoesItsErrorPage() {
        Set<String> before = sessions();
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < CALLS; i++) {
            Screens stranger = Screens.http();
            for (String path : List.of("/api/health", "/login?failed=1", "/schemas/asyncapi.yaml",
                    "/asyncapi/index.html", "/resources/waybill/waybill.css", "/schemas/missing-" + i + ".json",
                    "/asyncapi/missing-" + i, "/resources/missing-" + i + ".css",
                    "/jakarta.faces.resource/missing-" + i + ".css")) {
                answeredWithoutASession(stranger.get(path), "GET " + path, seen);
            }
            for (String path : List.of("/schemas/asyncapi.yaml", "/resources/waybill/waybill.css")) {
                answeredWithoutASession(stranger.post(path, "x=" + i), "POST " + path, seen);
            }
        }
        assertTrue(seen.values().containsAll(List.of(404, 405)), "error pages among the answers: " + seen);
        String loginPage = Screens.http().get("/login?failed=1").body();
        assertTrue(loginPage.contains("j_security_check"), "the login form: " + loginPage);
        assertEquals(Set.of(), madeSince(before), "sessions made meanwhile (no other test runs)");
    }

    private static void answeredWithoutASession(HttpResponse<String> reply, String request,
                                                Map<String, Integer> seen) {
        seen.put(request.replaceAll("-[0-9]+", "-n"), reply.statusCode());
        assertEquals("", Screens.sessionCookie(reply), request + " answered " + reply.statusCode());
    }

    /** The session a browser without one gets with the login form, in answer to its request. */
    private static String loginFormSession(Function<Screens, HttpResponse<String>> request) {
        Screens browser = Screens.http();
        HttpResponse<String> page = request.apply(browser);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("j_security_check"), "the login form: " + page.body());
        return withoutRoute(browser.session());
    }

    /** Management lists a session by its id without the node's route (".waybill-1") that the cookie carries. */
    private static String withoutRoute(String cookieValue) {
        return cookieValue.replaceFirst("\\.[^.]*$", "");
    }

    /** The sessions there are now and were not before. */
    private static Set<String> madeSince(Set<String> before) {
        Set<String> made = sessions();
        made.removeAll(before);
        return made;
    }

    /** The ids of the web application's sessions, as WildFly's management lists them. */
    private static Set<String> sessions() {
        Set<String> ids = new HashSet<>();
        Management.execute(Management.operation("list-sessions", "deployment", "waybill.ear", "subdeployment",
                "waybill-web.war", "subsystem", "undertow")).asList().forEach(id -> ids.add(id.asString()));
        return ids;
    }

}

package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.ServerLog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A call of the API without valid credentials gets its 401 and leaves nothing behind, whatever its body. The login
 * form's mechanism, which sees such calls too, saves each request in a new session to replay it after a login; until
 * 2026-12-07 every one of those sessions lived 30 minutes with up to 16 KB of its body (anyone could pile them up),
 * and a body over 16 KB, which the mechanism leaves unread, made Undertow log an ERROR with a stack trace
 * ({@code UT010019: Response already commited}) for each call.
 */
@ArquillianTest
class UnauthenticatedCallsIT {
    private static final int CALLS = 20;

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void aCallWithoutValidCredentialsLeavesNoSessionAndNoErrorBehind() {
        Path log = TestStack.stack().node(1).serverLog();
        int logBefore = ServerLog.text(log).length();
        int sessionsBefore = activeSessions();
        String large = "{\"lines\": [], \"note\": \"" + "x".repeat(100_000) + "\"}";
        for (int i = 0; i < CALLS; i++) {
            assertEquals(401, Api.anonymous().post("/orders", large).status());
            // Not a real user's name: Elytron locks a user out for minutes after ten failed attempts in a row.
            assertEquals(401, Api.as("nobody-" + i, "wrong password").post("/orders", "{}").status());
            assertEquals(401, Api.anonymous().get("/orders").status());
        }
        Eventually.await("no session left by the " + 3 * CALLS + " calls (" + sessionsBefore + " before them)",
                Duration.ofSeconds(15), UnauthenticatedCallsIT::activeSessions, n -> n <= sessionsBefore);
        assertEquals(List.of(), ServerLogs.complaints(ServerLog.text(log).substring(logBefore)),
                "lines of warning or error while the calls were answered");
    }

    private static int activeSessions() {
        ModelNode read = Management.operation("read-attribute", "deployment", "waybill.ear", "subdeployment",
                "waybill-web.war", "subsystem", "undertow");
        read.get("name").set("active-sessions");
        return Management.execute(read).asInt();
    }
}

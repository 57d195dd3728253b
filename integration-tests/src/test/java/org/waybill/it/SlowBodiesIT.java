package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.AppUser;
import org.waybill.stack.ServerLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that send their request bodies a byte at a time hold up no one else. Until 2026-12-07 the application read
 * a body on its worker thread as it came, and a hundred such clients held all of WildFly's 32 worker threads (two
 * cores): the API answered no one while they lasted, which was as long as they liked. The server now reads a body
 * whole before a worker thread takes the request, and answers 408 to one that has not arrived 20 seconds after its
 * headers (RefuseMalformedRequests, BodyBeforeWorker); headers themselves must be complete within 20 seconds
 * (configure-web.cli).
 */
@ArquillianTest
class SlowBodiesIT {
    /** More than the worker threads of a two-core machine (16 per core). */
    private static final int CLIENTS = 100;
    private static final URI API = URI.create(System.getProperty("waybill.it.api"));

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void clientsSendingTheirBodiesSlowlyHoldUpNoOneAndGet408() throws Exception {
        AppUser user = TestStack.stack().settings().userInRole("operator");
        Path log = TestStack.stack().node(1).serverLog();
        int logBefore = ServerLog.text(log).length();
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                boolean api = i % 2 == 0;
                slow.add(open(api ? RawHttp.apiPath("/orders") : RawHttp.screenPath("/orders/new.xhtml"),
                        "Content-Type: " + (api ? "application/json" : "application/x-www-form-urlencoded") + "\r\n"
                                + (api ? "Authorization: " + RawHttp.basic(user.name(), user.password()) + "\r\n" : "")
                                + "Content-Length: 1000\r\n", "{"));
            }
            // Headers sent a byte at a time: the connection is closed 20 s after their first byte.
            Socket slowHeaders = new Socket(API.getHost(), API.getPort());
            slowHeaders.setSoTimeout(60_000);
            slow.add(slowHeaders);
            slowHeaders.getOutputStream().write(("POST " + RawHttp.apiPath("/orders") + " HTTP/1.1\r\nHost: "
                    + API.getHost() + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
            // A byte now and then on each: the connections are slow, not idle.
            trickle.scheduleWithFixedDelay(() -> slow.forEach(SlowBodiesIT::oneMoreByte), 1, 2, TimeUnit.SECONDS);

            Orders.place(Api.as(user), "slow-bodies", "tok_sandbox", "WB-MUG-01:1");
            for (int i = 0; i < CLIENTS; i++) {
                assertEquals(0, slow.get(i).getInputStream().available(),
                        "the order was served while slow client " + i + " still waited for its answer");
            }
            // Clients that give up halfway: dropped quietly, they are no server error.
            for (int i = 0; i < 5; i++) {
                open(RawHttp.apiPath("/orders"), "Content-Type: application/json\r\nAuthorization: "
                        + RawHttp.basic(user.name(), user.password()) + "\r\nContent-Length: 1000\r\n", "{").close();
            }

            assertEquals("", closedAnswer(slowHeaders), "no answer to headers that never end, the connection closed");
            for (int i = 0; i < CLIENTS; i++) {
                String answer = answer(slow.get(i));
                assertTrue(answer.startsWith("HTTP/1.1 408 "), "slow client " + i + ": " + answer);
                assertTrue(answer.contains(i % 2 == 0 ? "application/problem+json" : "text/plain"), answer);
                assertTrue(answer.contains("did not arrive within 20 seconds"), answer);
            }
            assertEquals(List.of(), ServerLogs.complaints(ServerLog.text(log).substring(logBefore)),
                    "lines of warning or error while slow clients were answered");
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /**
     * Bodies being read are held in memory until whole: past 48 MiB between them the next bytes get 503. Once those
     * clients are gone their memory is free again, and an order goes through.
     */
    @Test
    void bodiesPastTheServersBudgetGet503AndTheirMemoryComesBack() throws Exception {
        AppUser user = TestStack.stack().settings().userInRole("operator");
        byte[] almostAll = new byte[1_900_000];
        Arrays.fill(almostAll, (byte) ' ');
        List<Socket> large = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = open(RawHttp.apiPath("/orders"), "Content-Type: application/json\r\nAuthorization: "
                        + RawHttp.basic(user.name(), user.password()) + "\r\nContent-Length: 2000000\r\n", "{");
                large.add(socket);
                try {
                    socket.getOutputStream().write(almostAll);
                } catch (SocketException e) {
                    // refused and closed while it was sending: its answer is read below
                }
            }
            Thread.sleep(1_000);
            int refused = 0;
            for (Socket socket : large) {
                if (socket.getInputStream().available() > 0) { // the others are still being read, within the budget
                    String answer = answer(socket);
                    assertTrue(answer.startsWith("HTTP/1.1 503 ") && answer.contains("Retry-After: 5"), answer);
                    refused++;
                }
            }
            // 48 MiB hold 26 of them (1.9 MB each)
            assertTrue(refused > 0 && refused < large.size(), refused + " of " + large.size() + " refused");
        } finally {
            for (Socket socket : large) {
                socket.close();
            }
        }
        Eventually.await("an order placed after the large bodies' clients went away", Duration.ofSeconds(10),
                () -> Api.as(user).post("/orders", Orders.json("budget", "tok_sandbox", "WB-MUG-01:1")).status(),
                status -> status == 201);
    }

    /** A client that waits for "100 Continue" before it sends the body (curl does for large ones) gets it. */
    @Test
    void aClientWaitingForContinueGetsItAndItsAnswer() throws IOException {
        AppUser user = TestStack.stack().settings().userInRole("operator");
        byte[] body = Orders.json("continue", "tok_sandbox", "WB-MUG-01:1").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = open(RawHttp.apiPath("/orders"), "Content-Type: application/json\r\nAuthorization: "
                + RawHttp.basic(user.name(), user.password()) + "\r\nExpect: 100-continue\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n", "")) {
            InputStream in = socket.getInputStream();
            String interim = "HTTP/1.1 100 Continue\r\n";
            assertEquals(interim, new String(in.readNBytes(interim.length()), StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            String rest = answer(socket);
            assertTrue(rest.contains("HTTP/1.1 201 "), rest);
        }
    }

    private static Socket open(String target, String headers, String bodyStart) throws IOException {
        Socket socket = new Socket(API.getHost(), API.getPort());
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + target + " HTTP/1.1\r\nHost: " + API.getHost() + ":" + API.getPort() + "\r\n" + headers
                + "\r\n" + bodyStart).getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }

    private static void oneMoreByte(Socket socket) {
        try {
            socket.getOutputStream().write(' ');
        } catch (IOException e) {
            // closed by the server after its 408: the answer is read below
        }
    }

    /** Whatever the server sends until it closes the connection, a reset (after the client's last bytes) included. */
    private static String closedAnswer(Socket socket) throws IOException {
        try {
            return answer(socket);
        } catch (SocketException e) {
            return "";
        }
    }

    /** Whatever the server sends until it closes the connection. */
    private static String answer(Socket socket) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(all);
        } catch (IOException e) {
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}

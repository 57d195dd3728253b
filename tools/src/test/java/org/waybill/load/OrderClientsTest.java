package org.waybill.load;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clients against a server on loopback that answers each order with the statuses given, in turn. */
class OrderClientsTest {

    /** The Idempotency-Key and body of the last request the server got. */
    private final AtomicReference<String> lastKey = new AtomicReference<>();
    private final AtomicReference<String> lastBody = new AtomicReference<>();

    private OrderClients placeOneAgainst(List<Integer> statuses) throws Exception {
        return placeOneAgainst(statuses, OrderClients.DRILL_CUSTOMERS);
    }

    private OrderClients placeOneAgainst(List<Integer> statuses, String customers) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/orders", exchange -> {
            lastKey.set(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = statuses.get(Math.min(calls.getAndIncrement(), statuses.size() - 1));
            byte[] body = (status == 201 ? "{\"id\":\"00000000-0000-0000-0000-000000000001\"}" : "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            OrderClients clients = new OrderClients("http://127.0.0.1:" + server.getAddress().getPort() + "/api",
                    null, 1, 0, customers);
            clients.start(1);
            clients.awaitDone();
            return clients;
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFiveHundredIsSentAgainAndCountedAsTheServersFault() throws Exception {
        OrderClients clients = placeOneAgainst(List.of(500, 201));
        assertEquals(1, clients.accepted().size());
        assertEquals(1, clients.refusals());
        assertEquals(1, clients.serverFaults());
    }

    @Test
    void aServiceUnavailableIsARefusalForTheMomentNotAFault() throws Exception {
        OrderClients clients = placeOneAgainst(List.of(503, 503, 201));
        assertEquals(1, clients.accepted().size());
        assertEquals(2, clients.refusals());
        assertEquals(0, clients.serverFaults());
    }

    @Test
    void theCustomersOfAWarmUpAreNotTheDrills() throws Exception {
        // The audit and the figures count the customers drill-<n>; a warm-up's orders must not be among them.
        placeOneAgainst(List.of(201), "warm");
        assertEquals("warm-0", lastKey.get());
        assertTrue(lastBody.get().contains("\"customerId\":\"warm-0\""), lastBody.get());
        placeOneAgainst(List.of(201));
        assertEquals("drill-0", lastKey.get());
        assertTrue(lastBody.get().contains("\"customerId\":\"drill-0\""), lastBody.get());
    }
}

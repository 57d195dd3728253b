package org.waybill.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.waybill.stack.AppUser;
import org.waybill.stack.LocalLoadBalancer;
import org.waybill.stack.StackSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * The load balancer of the start command (README "Several WildFly nodes": WildFly's standalone-load-balancer.xml with
 * configure-load-balancer.cli) in front of Arquillian's node 1 and a {@link SecondNode}: a signed-in screen session
 * stays on the node its session id names, over HTTP and over HTTPS, requests without a session go to both nodes in
 * turn, and with node 2 killed every request goes to node 1, where a user of node 2 signs in again (sessions are not
 * replicated).
 */
@ArquillianTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancerIT {
    private static final String SKU = "IT-BALANCER-01";
    /** The balancer's port offset: HTTP 11180, apart from node 1 (offset 100), node 2 (1100) and BrokerFailoverIT's node 3 (2100). */
    private static final int PORT_OFFSET = 3100;
    private static final String SCREENS = "http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/waybill";
    private static final String SECURE_SCREENS = "https://127.0.0.1:" + (8443 + PORT_OFFSET) + "/waybill";
    private static SecondNode second;
    private static LocalLoadBalancer balancer;

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @BeforeAll
    static void startNode2AndTheBalancer() throws IOException {
        db().execute("INSERT INTO products (sku, name, unit_price, stock_on_hand) VALUES (?, 'Balanced', 1.00, 1000)", SKU);
        second = SecondNode.start();
        StackSettings settings = TestStack.stack().settings();
        balancer = new LocalLoadBalancer(settings, PORT_OFFSET, List.of(settings.node(1), second.node()));
        long start = System.nanoTime();
        balancer.start();
        System.out.printf("LoadBalancerIT: balancer up in %.1f s on %s%n", (System.nanoTime() - start) / 1e9, SCREENS);
    }

    @AfterAll
    static void stopThem() {
        if (balancer != null) {
            balancer.stop();
        }
        if (second != null) {
            second.close();
        }
    }

    /**
     * A customer signs in through the balancer and places an order on the order screen: every request of the session
     * reaches the node its id names (no other node would know the session and answer with a new one), and that node
     * placed the order. Checked for a session on each node.
     */
    @Test
    @Order(1)
    void aSignedInSessionStaysOnTheNodeItsIdNames() {
        for (String route : List.of("waybill-1", second.id())) {
            assertStaysOnItsNode(signedInOn(route), route);
        }
    }

    /**
     * The same over the balancer's HTTPS, which proxies to the nodes' HTTPS: the session cookie is Secure (the node
     * saw HTTPS, not a plain hop from the balancer), and a session stays on its node.
     */
    @Test
    @Order(2)
    void overHttpsASignedInSessionStaysOnTheNodeItsIdNames() {
        String cookie = Screens.sessionCookie(Screens.https(SECURE_SCREENS).get("/orders/index.xhtml"));
        assertTrue(Pattern.compile("(?i);\\s*secure\\s*(;|$)").matcher(cookie).find(),
                "a session cookie over HTTPS is Secure: " + cookie);
        for (String route : List.of("waybill-1", second.id())) {
            assertStaysOnItsNode(signedInOn(route, () -> Screens.https(SECURE_SCREENS)), route);
        }
    }

    /** Places an order on the screen of a signed-in customer, whose requests all reach the node of route. */
    private static void assertStaysOnItsNode(Screens customer, String route) {
        String session = customer.session();
        String order = placeOnTheOrderScreen(customer);
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> page = customer.get("/orders/index.xhtml");
            assertEquals(200, page.statusCode(), page.body());
            assertEquals("", Screens.sessionCookie(page), "request " + i + " reached a node without the session");
        }
        assertEquals(session, customer.session(), "the session id did not change");
        assertEquals(route.equals("waybill-1"), ServerLogs.placedOnNode1(order), "node 1 placed " + order);
        assertEquals(route.equals(second.id()), second.placed(order), "node 2 placed " + order);
        assertEquals("COMPLETED", Orders.awaitFinal(order).getString("status"), order);
    }

    /**
     * A client that offers cleartext HTTP/2 (Upgrade: h2c, as Java's HttpClient does on a connection's first GET) gets
     * its page from either node: the balancer once passed the offer on to the node and the request hung (no answer).
     */
    @Test
    @Order(3)
    void aClientOfferingCleartextHttp2GetsItsAnswer() throws IOException, InterruptedException {
        for (int i = 0; i < 4; i++) { // a new connection each, so each offers h2c, to the nodes in turn
            HttpResponse<String> page = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build().send(
                    HttpRequest.newBuilder(URI.create(SCREENS + "/orders/index.xhtml")).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("j_security_check"), "the sign-in page: " + page.body());
        }
    }

    /** Orders through the balancer's REST API, without a session, go to both nodes in turn and each completes once. */
    @Test
    @Order(4)
    void ordersWithoutASessionAreSpreadOverBothNodesAndComplete() {
        String customers = customers();
        Api.Client api = Api.operator().at(SCREENS + "/api");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(Orders.place(api, customers + i, "tok_sandbox", SKU + ":1"));
        }
        long onNode1 = ids.stream().filter(ServerLogs::placedOnNode1).count();
        long onNode2 = ids.stream().filter(second::placed).count();
        assertEquals(ids.size(), onNode1 + onNode2, "each order was placed by exactly one node");
        assertTrue(onNode1 > 0 && onNode2 > 0, "both nodes took orders: node 1 " + onNode1 + ", node 2 " + onNode2);
        for (String id : ids) {
            JsonObject order = Orders.awaitFinal(id);
            assertEquals("COMPLETED", order.getString("status"), order.toString());
        }
        OrderAudit.assertEachOnceAndInOrder(db(), customers, ids);
    }

    /**
     * Node 2 killed (SIGKILL): the balancer sends every request to node 1, which takes and completes orders, also those
     * node 2 had taken. A user whose session was on node 2 lands on node 1, which does not know the session: the user
     * is asked to sign in again (a new session, on node 1) and goes on from there.
     */
    @Test
    @Order(5)
    void withNode2KilledEveryRequestGoesToNode1AndItsUsersSignInAgain() {
        String customers = customers();
        Api.Client api = Api.operator().at(SCREENS + "/api");
        Screens onNode2 = signedInOn(second.id());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(Orders.place(api, customers + "before" + i, "tok_sandbox", SKU + ":1"));
        }
        second.kill();
        int resent = 0;
        for (int i = 0; i < 4; i++) {
            // Right after the kill the balancer may still pick node 2, or a pooled connection to it: it answers 503
            // and does not resend a POST itself (it cannot know whether node 2 took it). The client sends again with
            // the same Idempotency-Key, as a client of the API should.
            String customer = customers + "after" + i;
            String order = Orders.json(customer, "tok_sandbox", SKU + ":1");
            Api.Reply created = api.post("/orders", order, "Idempotency-Key", customer);
            for (int attempt = 0; created.status() == 503 && attempt < 10; attempt++) {
                resent++;
                created = api.post("/orders", order, "Idempotency-Key", customer);
            }
            assertEquals(201, created.status(), created.body());
            String id = created.json().getString("id");
            assertTrue(ServerLogs.placedOnNode1(id), "node 1 placed " + id);
            ids.add(id);
        }
        System.out.printf("LoadBalancerIT: after node 2's kill, %d of the requests were answered 503 and sent again%n",
                resent);
        assertEquals(4, db().number("SELECT count(*) FROM orders WHERE customer_id LIKE ?", customers + "after%"),
                "each order placed once, however often it was sent");

        HttpResponse<String> page = onNode2.get("/orders/new.xhtml");
        assertTrue(page.body().contains("j_security_check"), "the sign-in page, not the order page: " + page.body());
        assertTrue(onNode2.session().endsWith(".waybill-1"), "a new session on node 1: " + onNode2.session());
        String order = placeOnTheOrderScreen(onNode2.signIn(customer()));
        assertTrue(ServerLogs.placedOnNode1(order), "node 1 placed " + order);
        ids.add(order);

        for (String id : ids) {
            assertEquals("COMPLETED", Orders.awaitFinal(id).getString("status"), id);
        }
    }

    /** A customer signed in through the balancer on the node of that route: sessions go to the nodes in turn. */
    private static Screens signedInOn(String route) {
        return signedInOn(route, () -> Screens.http(SCREENS));
    }

    /** As {@link #signedInOn(String)}, each sign-in on new screens from {@code screens}. */
    private static Screens signedInOn(String route, Supplier<Screens> screens) {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Screens signedIn = screens.get().signIn(customer());
            if (signedIn.session().endsWith("." + route)) {
                return signedIn;
            }
            sessions.add(signedIn.session());
        }
        throw new AssertionError("no session on " + route + " in 6 sign-ins: " + sessions);
    }

    /** Places one unit on the order screen in the session, as its "Place the order" button does; returns the order. */
    private static String placeOnTheOrderScreen(Screens screens) {
        HttpResponse<String> page = screens.get("/orders/new.xhtml");
        assertEquals(200, page.statusCode(), page.body());
        HttpResponse<String> answer = screens.post("/orders/new.xhtml",
                OrderForm.placeRequest(page.body(), null, SKU, "1", "tok_sandbox"), "Faces-Request", "partial/ajax");
        String order = OrderForm.placedOrder(answer.body());
        assertNotNull(order, "no order placed: " + answer.statusCode() + " " + answer.body());
        return order;
    }

    private static AppUser customer() {
        return TestStack.stack().settings().userInRole("customer");
    }

    private static String customers() {
        return "balanced" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";
    }
}

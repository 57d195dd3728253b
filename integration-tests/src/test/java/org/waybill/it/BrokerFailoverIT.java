package org.waybill.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.waybill.load.Database;
import org.waybill.stack.LocalStack;
import org.waybill.stack.StackSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker pair (README "A broker pair") under a crash of its primary: a replicated primary and backup of this test's
 * own (the launcher's, on ports of their own, so the suite's broker and the other tests are untouched) and a WildFly
 * node on them with WAYBILL_BROKER_PAIR=true. The node has a database of its own on the suite's PostgreSQL, which it
 * migrates on deploy: its outbox is drained by its own relay into the pair only, never by node 1's into the suite's
 * broker. Orders placed before, during and after a kill -9 of the primary complete, each once and in order, while the
 * backup is active; the restarted primary takes over again (fail-back) and the backup replicates it again. The
 * failover and fail-back times are printed, not asserted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerFailoverIT {
    private static final String DATABASE = "waybill_pair";
    private static final String SKU = "IT-PAIR-01";
    /** This run's customers: the audit reads only their orders. */
    private static final String CUSTOMERS = "pair" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";
    /** Every order placed on the pair, for the audit at the end. */
    private static final List<String> PLACED = new ArrayList<>();
    private static LocalStack pair;
    private static Database db;
    private static SecondNode node;
    private static Api.Client api;

    @BeforeAll
    static void startThePairAndANodeOnIt() throws IOException {
        StackSettings suite = TestStack.stack().settings();
        Path home = suite.home().resolveSibling("it-broker-pair");
        LocalStack.forgetData(home);
        StackSettings settings = StackSettings.from(home, suite.distributions(), pairEnvironment(suite)::get);
        pair = new LocalStack(settings);
        long start = System.nanoTime();
        pair.startServices(); // the two brokers only: the database and the SMTP sink are the suite's
        System.out.printf("BrokerFailoverIT: pair up in %.1f s (primary :%d, backup :%d)%n",
                (System.nanoTime() - start) / 1e9, settings.broker().port(), settings.brokerBackup().endpoint().port());
        TestStack.stack().freshDatabase(DATABASE);
        db = new Database(settings);
        // Node 3, not 2: its base folder (and transaction log) is not the one the suite's node 2 uses on the suite's
        // database and broker.
        node = SecondNode.start(3, databaseAndBroker(settings), Map.of());
        api = Api.operator().at(node.api());
        db.execute("INSERT INTO products (sku, name, unit_price, stock_on_hand) VALUES (?, 'Pair', 1.00, 1000)", SKU);
    }

    @AfterAll
    static void stopThem() {
        if (node != null) {
            node.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    @Order(1)
    void ordersPlacedOnThePairComplete() {
        assertAllComplete(place("a", 5));
    }

    /**
     * The primary killed (SIGKILL) while orders are being placed: the backup takes the lock and becomes active, the
     * node's consumers fail over to it and its relay's next attempt finds it; every order placed during and after
     * completes with the primary still down.
     */
    @Test
    @Order(2)
    void whenThePrimaryIsKilledTheBackupTakesOverAndOrdersPlacedDuringAndAfterComplete() throws Exception {
        ExecutorService placing = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> during = placing.submit(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    ids.add(Orders.place(api, CUSTOMERS + "b" + i, "tok_sandbox", SKU + ":1"));
                    Thread.sleep(100);
                }
                return ids;
            });
            Thread.sleep(500);
            long killed = System.nanoTime();
            pair.broker().kill();
            pair.brokerBackup().awaitActive(Duration.ofMinutes(1));
            double failover = (System.nanoTime() - killed) / 1e9;
            List<String> ids = new ArrayList<>(during.get());
            PLACED.addAll(ids);
            ids.addAll(place("c", 5));
            assertAllComplete(ids);
            System.out.printf("BrokerFailoverIT: backup active %.2f s after the primary's kill -9; the %d orders "
                    + "placed during and after it completed %.1f s after the kill%n", failover, ids.size(),
                    (System.nanoTime() - killed) / 1e9);
        } finally {
            placing.shutdownNow();
        }
        assertFalse(pair.broker().isActive(), "the primary stayed down while those orders completed");
    }

    /**
     * The primary started again catches up from the active backup and takes over (check-for-active-server,
     * allow-failback); the backup goes back to replicating it, and orders complete through the primary again.
     */
    @Test
    @Order(3)
    void theRestartedPrimaryTakesOverAgainAndTheBackupReplicatesIt() throws IOException {
        long mark = pair.brokerBackup().logMark();
        long restarted = System.nanoTime();
        pair.broker().start();
        double failback = (System.nanoTime() - restarted) / 1e9;
        pair.brokerBackup().awaitReplicating(mark, Duration.ofMinutes(2));
        System.out.printf("BrokerFailoverIT: primary active again %.1f s after its start (fail-back), backup "
                + "replicating %.1f s after it%n", failback, (System.nanoTime() - restarted) / 1e9);
        assertFalse(pair.brokerBackup().isActive(), "the backup, replicating, serves no clients");

        assertAllComplete(place("d", 5));
    }

    /** Over everything the tests above placed: each order's effects once and in order, nothing dead-lettered. */
    @Test
    @Order(4)
    void everyOrderWasDoneOnceInOrderAndNothingWasDeadLettered() {
        assertEquals(PLACED.size(), db.number("SELECT count(*) FROM orders WHERE customer_id LIKE ?", CUSTOMERS + "%"),
                "every accepted order is in the node's database");
        OrderAudit.assertEachOnceAndInOrder(db, CUSTOMERS, PLACED);
        JsonObject deadLetters = api.get("/dead-letters").json();
        assertTrue(deadLetters.values().stream().allMatch(n -> n.toString().equals("0")), deadLetters.toString());
    }

    private static List<String> place(String batch, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(Orders.place(api, CUSTOMERS + batch + i, "tok_sandbox", SKU + ":1"));
        }
        PLACED.addAll(ids);
        return ids;
    }

    private static void assertAllComplete(List<String> ids) {
        for (String id : ids) {
            JsonObject order = Orders.awaitFinal(api, id);
            assertEquals("COMPLETED", order.getString("status"), order.toString());
            assertEquals(Orders.HAPPY_PATH, Orders.timelineTypes(order), id);
        }
    }

    /**
     * The pair's settings: brokers on ports of their own (the suite's are 61716, 8261, 9504), the suite's PostgreSQL
     * with this test's database, the suite's SMTP sink; the launcher then starts the brokers only.
     */
    private static Map<String, String> pairEnvironment(StackSettings suite) {
        return Map.ofEntries(
                Map.entry(StackSettings.BROKER_PAIR, "true"),
                Map.entry("WAYBILL_BROKER_PORT", "61816"),
                Map.entry("WAYBILL_CONSOLE_PORT", "8361"),
                Map.entry("WAYBILL_BROKER_METRICS_PORT", "9604"),
                Map.entry("WAYBILL_DB_HOST", suite.database().host()),
                Map.entry(StackSettings.DB_SSLROOTCERT, suite.databaseTls().rootCertificate().toString()),
                Map.entry("WAYBILL_DB_PORT", Integer.toString(suite.database().port())),
                Map.entry("WAYBILL_DB_NAME", DATABASE),
                Map.entry("WAYBILL_DB_USER", suite.databaseUser().user()),
                Map.entry("WAYBILL_DB_PASSWORD", suite.databaseUser().password()),
                Map.entry("WAYBILL_SMTP_HOST", suite.smtp().host()),
                Map.entry("WAYBILL_SMTP_PORT", Integer.toString(suite.smtp().port())),
                Map.entry("WAYBILL_PORT_OFFSET", Integer.toString(suite.portOffset())));
    }

    /** What the node takes from the pair's settings: its database and both brokers, with HA on. */
    private static Map<String, String> databaseAndBroker(StackSettings settings) {
        return settings.wildflyEnvironment().entrySet().stream()
                .filter(e -> e.getKey().startsWith("WAYBILL_DB_") || e.getKey().startsWith("WAYBILL_BROKER"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}

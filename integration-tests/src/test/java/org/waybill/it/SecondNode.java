package org.waybill.it;

import org.waybill.stack.LocalWildFly;
import org.waybill.stack.ServerLog;
import org.waybill.stack.StackSettings;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A second WildFly node beside Arquillian's (node 1), on the test stack's database and broker: the installation
 * TestStack prepared, run with its own base folder (wildfly/node-2), ports (the suite's offset + 1000, see
 * {@link StackSettings.Node}) and node identifier waybill-2, the server properties of every test server
 * (it.server.properties) and the EAR under test in its deployments folder. Each test class starts its own and closes
 * it. A node on a database and broker of its own takes another number ({@link #start(int, Map, Map)}), so that its
 * base folder, and the transaction log in it, is its own too.
 */
final class SecondNode implements AutoCloseable {
    private final LocalWildFly wildfly;

    private SecondNode(LocalWildFly wildfly) {
        this.wildfly = wildfly;
    }

    /** Node 2 as node 1 runs. */
    static SecondNode start() throws IOException {
        return start(Map.of(), Map.of());
    }

    /**
     * Node 2 with more WAYBILL_* settings and server system properties of its own, e.g.
     * {@code waybill.relay.poll-millis}; a property named in both replaces the suite's.
     */
    static SecondNode start(Map<String, String> environment, Map<String, String> systemProperties) throws IOException {
        return start(2, environment, systemProperties);
    }

    /** Node {@code number} (its folder wildfly/node-n, ports and waybill-n), as {@link #start(Map, Map)}. */
    static SecondNode start(int number, Map<String, String> environment, Map<String, String> systemProperties)
            throws IOException {
        StackSettings settings = TestStack.stack().settings();
        LocalWildFly wildfly = new LocalWildFly(settings, settings.node(number));
        Map<String, String> properties = new LinkedHashMap<>(suiteProperties());
        properties.putAll(systemProperties);
        wildfly.extraEnvironment(environment);
        wildfly.systemProperties(properties);
        long start = System.nanoTime();
        try {
            wildfly.provision();
            wildfly.start(Path.of(System.getProperty("waybill.ear")));
        } catch (IOException | RuntimeException e) {
            wildfly.stop();
            throw e;
        }
        System.out.printf("Node %d (%s) up in %.1f s on HTTP :%d%n", number, wildfly.node().id(),
                (System.nanoTime() - start) / 1e9, wildfly.node().httpPort());
        return new SecondNode(wildfly);
    }

    /** The server properties every test server runs with, from {@code -Dname=value ...}. */
    private static Map<String, String> suiteProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String argument : System.getProperty("waybill.it.server-properties", "").trim().split("\\s+")) {
            if (!argument.startsWith("-D") || !argument.contains("=")) {
                throw new IllegalStateException("waybill.it.server-properties has '" + argument + "', not -Dname=value");
            }
            String[] nameValue = argument.substring(2).split("=", 2);
            properties.put(nameValue[0], nameValue[1]);
        }
        return properties;
    }

    /** Its REST API, for {@link Api.Client#at}. */
    String api() {
        return "http://127.0.0.1:" + wildfly.node().httpPort() + "/waybill/api";
    }

    /** Its screens over HTTP, for {@link Screens#http(String)}. */
    String screens() {
        return "http://127.0.0.1:" + wildfly.node().httpPort() + "/waybill";
    }

    /** What it serves at /metrics. */
    List<PrometheusText.Sample> scrape() {
        return PrometheusText.scrape(URI.create("http://127.0.0.1:" + wildfly.node().managementPort() + "/metrics"));
    }

    /** Its identifier, waybill-n: the route its session ids end with. */
    String id() {
        return wildfly.node().id();
    }

    /** Whether its server log has the line of an order it placed (OrderPlacement): the request reached this node. */
    boolean placed(String orderId) {
        return ServerLogs.placed(wildfly.serverLog(), orderId);
    }

    /** What its server log says so far. */
    String log() {
        return ServerLog.text(wildfly.serverLog());
    }

    /** Its node object, for a load balancer in front of it. */
    StackSettings.Node node() {
        return wildfly.node();
    }

    /** A crash: SIGKILL. */
    void kill() {
        wildfly.kill();
    }

    /** Freezes its JVM (SIGSTOP) until {@link #resume}. */
    void pause() {
        wildfly.pause();
    }

    void resume() {
        wildfly.resume();
    }

    @Override
    public void close() {
        wildfly.stop();
    }
}

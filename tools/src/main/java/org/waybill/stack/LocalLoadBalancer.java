package org.waybill.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The load balancer in front of several WildFly nodes: the WildFly installation once more, with WildFly's own
 * standalone-load-balancer.xml (Undertow only) and server-config/wildfly/configure-load-balancer.cli, in a server base
 * folder of its own (wildfly/load-balancer), on the stack's port offset. The nodes it lists are those of the settings,
 * so its configuration is made again on every start. The integration tests put one on a port offset of their own in
 * front of their two nodes.
 */
public final class LocalLoadBalancer {
    private static final String CONFIG = "standalone-load-balancer.xml";
    private static final String SCRIPT = "wildfly/configure-load-balancer.cli";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final StackSettings settings;
    private final int portOffset;
    private final List<StackSettings.Node> nodes;
    private final Path home;
    private final Path base;
    private final Path log;
    private ChildProcess process;

    LocalLoadBalancer(StackSettings settings) {
        this(settings, settings.portOffset(), settings.nodes());
    }

    /** In front of these nodes, on its own port offset (HTTP 8080 + offset, HTTPS 8443 + offset). */
    public LocalLoadBalancer(StackSettings settings, int portOffset, List<StackSettings.Node> nodes) {
        this.settings = settings;
        this.portOffset = portOffset;
        this.nodes = List.copyOf(nodes);
        this.home = settings.home().resolve("wildfly");
        this.base = home.resolve("load-balancer");
        this.log = settings.home().resolve("logs/wildfly-load-balancer-console.log");
    }

    /** Configures and starts it (the installation is prepared, see LocalWildFly); returns once it reaches a node. */
    public void start() throws IOException {
        Path configuration = base.resolve("configuration");
        Files.createDirectories(configuration);
        Path distributed = home.resolve("standalone/configuration");
        for (String file : List.of("logging.properties", "mgmt-users.properties", "mgmt-groups.properties",
                "application-users.properties", "application-roles.properties")) {
            Files.copy(distributed.resolve(file), configuration.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // From the distribution's own file each time: an earlier start's nodes are not kept.
        Files.copy(distributed.resolve(CONFIG), configuration.resolve(CONFIG), StandardCopyOption.REPLACE_EXISTING);
        Path scriptFile = base.resolve("waybill-configure.cli");
        Files.writeString(scriptFile, "embed-server --server-config=" + CONFIG + " --std-out=discard\n"
                + ServerConfigFiles.read(SCRIPT) + "\n" + nodeLines(nodes) + "stop-embedded-server\n");
        ChildProcess.run(List.of("bash", home.resolve("bin/jboss-cli.sh").toString(), "--file=" + scriptFile), home,
                Map.of("JAVA_OPTS", "-Djboss.server.base.dir=" + base, "WAYBILL_TLS_KEYSTORE",
                        settings.tlsKeyStore().toString()), Duration.ofMinutes(2));
        process = ChildProcess.start("wildfly-load-balancer", List.of("bash", home.resolve("bin/standalone.sh").toString(),
                "-c", CONFIG, "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Djboss.server.base.dir=" + base), home, Map.of("WAYBILL_TLS_KEYSTORE", settings.tlsKeyStore().toString(),
                "WAYBILL_TLS_KEYSTORE_PASSWORD", settings.tlsKeyStorePassword()), log);
        URI health = URI.create("http://127.0.0.1:" + (8080 + portOffset) + "/waybill/api/health");
        process.await("an answer from the nodes through it (" + health + ")", Duration.ofMinutes(1),
                () -> answers(health), base.resolve("log/server.log"));
    }

    /** One host per node in each of the two proxies, named by the node's identifier, which is its session route. */
    static String nodeLines(List<StackSettings.Node> nodes) {
        StringBuilder lines = new StringBuilder();
        for (StackSettings.Node node : nodes) {
            for (String scheme : List.of("http", "https")) {
                String binding = node.id() + "-" + scheme;
                int port = scheme.equals("http") ? node.httpPort() : node.httpsPort();
                lines.append("/socket-binding-group=standard-sockets/remote-destination-outbound-socket-binding=")
                        .append(binding).append(":add(host=127.0.0.1, port=").append(port).append(")\n")
                        .append("/subsystem=undertow/configuration=handler/reverse-proxy=waybill-").append(scheme)
                        .append("/host=").append(node.id()).append(":add(outbound-socket-binding=").append(binding)
                        .append(", scheme=").append(scheme).append(", instance-id=").append(node.id())
                        .append(", path=/").append(scheme.equals("https") ? ", ssl-context=waybillNodes" : "")
                        .append(")\n");
            }
        }
        return lines.toString();
    }

    private static boolean answers(URI health) {
        try {
            return HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the load balancer", e);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public void stop() {
        if (isRunning()) {
            process.stop(Duration.ofSeconds(30));
        }
    }
}

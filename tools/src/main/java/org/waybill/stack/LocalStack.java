package org.waybill.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole Waybill system on one machine: PostgreSQL, Artemis, an SMTP sink and WildFly with the EAR
 * ({@value StackSettings#NODES} nodes, each on its own ports), from Maven Central only.
 * {@link #main} is the README's start command; the integration tests use the same pieces.
 */
public final class LocalStack implements AutoCloseable {
    private final StackSettings settings;
    private final LocalBroker broker;
    /** The backup of a broker pair ({@value StackSettings#BROKER_PAIR}); null without one. */
    private final LocalBroker brokerBackup;
    private final List<LocalWildFly> nodes;
    /** In front of the nodes when there are several. */
    private final LocalLoadBalancer balancer;
    private LocalPostgres postgres;
    private LocalMail mail;
    /** WildFly's messaging mode now: the stack's own, or another one a restart asked for. */
    private String messagingMode;

    public LocalStack(StackSettings settings) {
        this.settings = settings;
        this.broker = new LocalBroker(settings, settings.brokerPair() ? LocalBroker.Role.PRIMARY : LocalBroker.Role.SINGLE);
        this.brokerBackup = settings.brokerPair() ? new LocalBroker(settings, LocalBroker.Role.BACKUP) : null;
        this.nodes = settings.nodes().stream().map(node -> new LocalWildFly(settings, node)).toList();
        this.balancer = settings.balanced() ? new LocalLoadBalancer(settings) : null;
        this.messagingMode = settings.messagingMode();
    }

    public StackSettings settings() {
        return settings;
    }

    /** The broker: the only one, or the primary of a pair, to stop, crash (kill -9) and start again on its own. */
    public LocalBroker broker() {
        return broker;
    }

    /** The backup of the broker pair, to crash and start again on its own (start it with launch, awaitReplicating). */
    public LocalBroker brokerBackup() {
        if (brokerBackup == null) {
            throw new IllegalStateException("no broker pair: " + StackSettings.BROKER_PAIR + " is not true");
        }
        return brokerBackup;
    }

    /** WildFly node {@code number} (1-based) of the stack, to stop, crash or pause on its own. */
    public LocalWildFly node(int number) {
        if (number < 1 || number > nodes.size()) {
            throw new IllegalArgumentException("the stack runs nodes 1 to " + nodes.size() + " (" + StackSettings.NODES
                    + "), not " + number);
        }
        return nodes.get(number - 1);
    }

    /** The local SMTP sink, when the stack runs it. */
    public LocalMail mail() {
        if (mail == null) {
            throw new IllegalStateException("no local SMTP sink: WAYBILL_SMTP_HOST points at another server");
        }
        return mail;
    }

    /** Starts the embedded PostgreSQL, Artemis and SMTP sink, unless the settings point at external ones. */
    public void startServices() throws IOException {
        if (settings.embeddedMail()) {
            mail = LocalMail.start(settings);
        }
        if (settings.embeddedDatabase()) {
            postgres = startPostgres();
        }
        if (settings.embeddedBroker()) {
            startBrokers();
        }
    }

    /**
     * The broker, or both of a pair: the two start together, whichever was active last takes the lock first (the
     * lock folder's activation sequence refuses a broker with older data), and the primary then takes over (fail-back)
     * once it has caught up; returns when the primary is active and the backup replicates it.
     */
    private void startBrokers() throws IOException {
        broker.prepare();
        if (brokerBackup == null) {
            broker.start();
            return;
        }
        brokerBackup.prepare();
        broker.launch();
        brokerBackup.launch();
        broker.awaitActive(Duration.ofMinutes(3));
        brokerBackup.awaitReplicating(Duration.ofMinutes(2));
    }

    /** Crashes every WildFly node (SIGKILL) and starts them again with the EAR; returns once the deployments are up. */
    public void crashAndRestartWildFly(Path ear) throws IOException {
        nodes.forEach(LocalWildFly::kill);
        startWildFly(ear);
    }

    /**
     * Stops WildFly and starts it again with more settings (WAYBILL_* variables), e.g. another messaging mode. The
     * embedded PostgreSQL restarts too, while WildFly is down, if the new mode differs in needing prepared transactions.
     */
    public void restartWildFly(Path ear, Map<String, String> environment) throws IOException {
        stopWildFly();
        String mode = environment.getOrDefault(StackSettings.MESSAGING_MODE, settings.messagingMode());
        boolean databaseChanges = StackSettings.needsPreparedTransactions(mode)
                != StackSettings.needsPreparedTransactions(messagingMode);
        messagingMode = mode;
        if (postgres != null && databaseChanges) {
            postgres.close();
            postgres = startPostgres();
        }
        startWildFly(ear, environment);
    }

    private LocalPostgres startPostgres() throws IOException {
        return LocalPostgres.start(settings, StackSettings.needsPreparedTransactions(messagingMode));
    }

    /**
     * Deletes the data of a previous run under home (database, broker journal, WildFly's data and logs), keeping the
     * unpacked servers, which only cost time to unpack again. For the tests and the drill, which start from nothing.
     */
    public static void forgetData(Path home) throws IOException {
        for (Path data : List.of(home.resolve("postgres/data"), home.resolve("postgres/superuser.password"),
                home.resolve("artemis/instance"), home.resolve("artemis/backup"), home.resolve("artemis/locks"),
                home.resolve("logs"))) {
            deleteTree(data);
        }
        Path wildfly = home.resolve("wildfly");
        if (Files.isDirectory(wildfly)) {
            try (Stream<Path> folders = Files.list(wildfly)) {
                // Every node's base folder (StackSettings.Node.baseFolder), also of nodes this run does not start, and
                // the load balancer's.
                for (Path base : folders.filter(f -> f.getFileName().toString().matches("standalone|node-\\d+|load-balancer"))
                        .toList()) {
                    deleteTree(base.resolve("data"));
                    deleteTree(base.resolve("log"));
                }
            }
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (Files.exists(tree)) {
            try (Stream<Path> files = Files.walk(tree)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Creates an empty database of that name on the embedded PostgreSQL, owned by the application's role (dropped
     * first if it exists): a WildFly node given it as WAYBILL_DB_NAME migrates it and shares nothing with the others.
     */
    public void freshDatabase(String name) throws IOException {
        if (postgres == null) {
            throw new IllegalStateException("no embedded PostgreSQL: WAYBILL_DB_HOST points at another server");
        }
        postgres.freshDatabase(settings, name);
    }

    /** Stops and starts the embedded PostgreSQL, as an outage of the database would. */
    public void restartDatabase(Duration down) throws IOException, InterruptedException {
        postgres.close();
        Thread.sleep(down.toMillis());
        postgres = startPostgres();
    }

    /**
     * Sets a setting of the embedded PostgreSQL, kept across its restarts, or back to its default with null: for tests
     * that need it to behave otherwise for a while.
     */
    public void databaseSetting(String name, String value) throws IOException {
        postgres.setting(name, value);
    }

    /** Crashes the embedded PostgreSQL (SIGKILL, no shutdown checkpoint) and starts it again, which recovers from its WAL. */
    public void crashAndRestartDatabase() throws IOException {
        postgres.kill();
        postgres.close();
        postgres = startPostgres();
    }

    /** Prepares WildFly with server-config applied, and the folder of every node; returns its home folder. */
    public Path provisionWildFly() throws IOException {
        Path home = null;
        for (LocalWildFly node : nodes) {
            home = node.provision();
        }
        return home;
    }

    /**
     * Starts every node with the EAR, one after the other (two cores: together they would only start slower), and the
     * load balancer in front of several unless it runs already.
     */
    public void startWildFly(Path ear) throws IOException {
        provisionWildFly();
        for (LocalWildFly node : nodes) {
            node.start(ear);
        }
        if (balancer != null && !balancer.isRunning()) {
            balancer.start();
        }
    }

    /** Starts every node with more settings (WAYBILL_* variables), kept for their later restarts. */
    public void startWildFly(Path ear, Map<String, String> environment) throws IOException {
        nodes.forEach(node -> node.extraEnvironment(environment));
        startWildFly(ear);
    }

    private void stopWildFly() {
        nodes.forEach(LocalWildFly::stop);
    }

    /**
     * Stops what was started, the application server first so nothing loses its database or broker mid-work. A
     * second call stops nothing more.
     */
    @Override
    public void close() {
        if (balancer != null) {
            timed("Load balancer", balancer::stop);
        }
        timed("WildFly", this::stopWildFly);
        // The backup first: stopped second, it would take over from the primary.
        if (brokerBackup != null) {
            timed("Artemis backup", brokerBackup::stop);
        }
        timed("Artemis", broker::stop);
        if (postgres != null) {
            timed("PostgreSQL", postgres::close);
            postgres = null;
        }
        if (mail != null) {
            timed("SMTP sink", mail::close);
            mail = null;
        }
    }

    private static void timed(String name, Runnable stop) {
        long start = System.nanoTime();
        stop.run();
        System.out.printf("  %s stopped (%.1f s)%n", name, (System.nanoTime() - start) / 1e9);
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(required("waybill.home")).toAbsolutePath();
        Path ear = Path.of(required("waybill.ear")).toAbsolutePath();
        StackSettings settings = StackSettings.from(home, Path.of(required("waybill.dist")), System::getenv);
        LocalStack stack = new LocalStack(settings);
        Path pidFile = home.resolve("stack.pid");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Waybill...");
            stack.close();
            pidFile.toFile().delete();
            System.out.println("Waybill stopped.");
        }, "waybill-stop"));
        long started = System.nanoTime();
        stack.startServices();
        stack.startWildFly(ear);
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        printUrls(settings, (System.nanoTime() - started) / 1_000_000_000.0);
        Thread.currentThread().join();
    }

    private static void printUrls(StackSettings s, double seconds) {
        String server = "http://127.0.0.1:" + s.httpPort();
        String app = server + "/waybill";
        String secure = "https://127.0.0.1:" + s.httpsPort() + "/waybill";
        String certificate = s.developmentCertificate()
                ? "self-signed for development: " + s.tlsKeyStore() : s.tlsKeyStore() + " (WAYBILL_TLS_KEYSTORE)";
        String users = s.users().stream().map(u -> u.name() + " (" + String.join("+", u.roles()) + ")")
                .collect(Collectors.joining(", "));
        System.out.printf("""

                Waybill is up (%.1f s).
                  Screens          %s/   or %s/
                  REST API         %s/api   or %s/api   (HTTP Basic; /api/health needs none)
                  TLS certificate  %s
                  Users            %s   (WAYBILL_USERS)
                  OpenAPI          %s/openapi
                  Artemis console  %s   (%s)
                  Broker           %s   (user %s)
                  Broker metrics   %s
                  WildFly console  http://127.0.0.1:%d
                  PostgreSQL       %s   (user %s)
                  Mail (SMTP sink) smtp://127.0.0.1:%d, read it at imap://127.0.0.1:%d (user = password = recipient)
                  Data and logs    %s
                %sCtrl-C stops everything (or, from another terminal: kill $(cat %s)).
                %n""", seconds, secure, app, secure, app, certificate, users, server,
                s.consoleUrl(), s.embeddedBroker() ? "user " + s.consoleUser().user() : "external",
                "tcp://" + s.broker().host() + ":" + s.broker().port(), s.brokerUser().user() + "; " + brokerTls(s),
                s.embeddedBroker() ? s.brokerMetricsUrl() + "   (Prometheus; loopback only)" : "your broker's own",
                s.managementPort(), s.jdbcUrl(), s.databaseUser().user(),
                s.smtp().port(), s.imapPort(), s.home(), brokerPairLine(s) + nodeTable(s), s.home().resolve("stack.pid"));
    }

    /** How clients reach the broker: over TLS trusting what, or in the clear. */
    static String brokerTls(StackSettings s) {
        StackSettings.BrokerTls tls = s.brokerTls();
        if (!tls.enabled()) {
            return "no TLS: WAYBILL_BROKER_TLS=false";
        }
        return "TLS, trusting " + (tls.trustStore() == null ? "the JDK's authorities" : tls.trustStore().toString());
    }

    /** With a broker pair started here, the backup's own addresses (the lines above are the primary's); else nothing. */
    static String brokerPairLine(StackSettings s) {
        if (!s.brokerPair() || !s.embeddedBroker()) {
            return "";
        }
        StackSettings.BrokerBackup backup = s.brokerBackup();
        return String.format("  Broker backup    %s, replicating the primary (%s); console http://127.0.0.1:%d/console, "
                + "metrics http://127.0.0.1:%d/metrics, folder artemis/backup%n", backup.url(), StackSettings.BROKER_PAIR,
                backup.consolePort(), backup.metricsPort());
    }

    /** With more than one node, each node's own addresses (the lines above are node 1's); nothing with one. */
    static String nodeTable(StackSettings s) {
        if (s.nodes().size() == 1) {
            return "";
        }
        StringBuilder table = new StringBuilder("  WildFly nodes    " + s.nodes().size() + " (" + StackSettings.NODES
                + ") behind the load balancer (the lines above; sticky sessions), each also on its own:\n");
        for (StackSettings.Node node : s.nodes()) {
            table.append(String.format("    %-14s https://127.0.0.1:%d/waybill/   http://127.0.0.1:%d/waybill/api   "
                    + "console http://127.0.0.1:%d   folder wildfly/%s%n", node.id(), node.httpsPort(), node.httpPort(),
                    node.managementPort(), node.baseFolder()));
        }
        return table.toString();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + property + " is not set; start with ./mvnw verify -Pstart");
        }
        return value;
    }
}

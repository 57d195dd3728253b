package org.waybill.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A standalone ActiveMQ Artemis broker: the distribution from Maven Central, an instance under
 * {@code home/artemis/instance} created once (login required), and server-config/artemis/broker.xml and Waybill's
 * broker libraries (its metrics plugin, {@link BrokerLibraries}) applied on every start. The journal survives
 * restarts; so do messages. With {@value StackSettings#BROKER_PAIR} the stack runs two of these as a replicated
 * primary/backup pair ({@link Role}), the backup under {@code home/artemis/backup}, both sharing the lock folder
 * {@code home/artemis/locks} that decides which one is active (server-config/artemis/pair-primary.xml).
 */
public final class LocalBroker {
    /** Which broker of the stack this is: the only one, or one of a pair, with the part of server-config it adds. */
    public enum Role {
        SINGLE(null), PRIMARY("artemis/pair-primary.xml"), BACKUP("artemis/pair-backup.xml");

        private final String haPolicy;

        Role(String haPolicy) {
            this.haPolicy = haPolicy;
        }
    }

    /** The application's role in broker.xml's security settings. */
    public static final String APPLICATION_ROLE = "waybill";
    /** Read-only subscribers of the event and replay addresses (WAYBILL_BROKER_SUBSCRIBERS). */
    public static final String SUBSCRIBER_ROLE = "subscriber";

    private final StackSettings settings;
    private final Role role;
    private final Path instance;
    private final Path log;
    private final String name;
    private final StackSettings.Endpoint endpoint;
    private final int consolePort;
    private final int metricsPort;
    private ChildProcess process;
    /** Where this run's output begins in the log, which earlier runs' output precedes. */
    private long logStart;

    LocalBroker(StackSettings settings, Role role) {
        this.settings = settings;
        this.role = role;
        boolean backup = role == Role.BACKUP;
        this.name = backup ? "artemis-backup" : "artemis";
        this.instance = settings.home().resolve(backup ? "artemis/backup" : "artemis/instance");
        this.log = settings.home().resolve("logs/" + name + ".log");
        this.endpoint = backup ? settings.brokerBackup().endpoint() : settings.broker();
        this.consolePort = backup ? settings.brokerBackup().consolePort() : settings.consolePort();
        this.metricsPort = backup ? settings.brokerBackup().metricsPort() : settings.brokerMetricsPort();
    }

    void prepare() throws IOException {
        Path artemisHome = Distributions.unpack(settings.distributions().resolve("apache-artemis-bin.tar.gz"),
                settings.home().resolve("artemis/dist"));
        if (!Files.exists(instance.resolve("bin/artemis"))) {
            System.out.println("Creating the Artemis broker instance in " + instance);
            ChildProcess.run(List.of("bash", artemisHome.resolve("bin/artemis").toString(), "create", instance.toString(),
                    "--user", settings.consoleUser().user(), "--password", settings.consoleUser().password(),
                    "--role", "amq", "--require-login", "--http-host", "127.0.0.1",
                    "--http-port", Integer.toString(consolePort), "--nio", "--silent"),
                    settings.home(), Map.of(), Duration.ofMinutes(2));
            appendLine(instance.resolve("etc/artemis-users.properties"),
                    settings.brokerUser().user() + " = ENC(" + hash(settings.brokerUser().password()) + ")");
            appendLine(instance.resolve("etc/artemis-roles.properties"), APPLICATION_ROLE + " = " + settings.brokerUser().user());
        }
        writeSubscribers();
        if (settings.brokerTls().enabled()) {
            DevelopmentCertificate.ensureForBroker(settings.home());
        }
        BrokerLibraries.install(settings.distributions(), instance.resolve("lib"));
        Files.writeString(instance.resolve("etc/broker.xml"), brokerXml());
        if (role != Role.SINGLE) {
            Files.createDirectories(locks());
        }
    }

    /**
     * broker.xml, and for a broker of a pair pair.xml and its role's ha-policy inserted at the end of {@code <core>}
     * (the core elements may come in any order).
     */
    private String brokerXml() {
        String xml = ServerConfigFiles.read("artemis/broker.xml");
        if (role == Role.SINGLE) {
            return xml;
        }
        int end = xml.lastIndexOf("</core>");
        if (end < 0) {
            throw new IllegalStateException("server-config/artemis/broker.xml has no </core>");
        }
        return xml.substring(0, end) + "<!-- Added by the launcher for the " + role.name().toLowerCase()
                + " of a pair: -->\n" + ServerConfigFiles.read("artemis/pair.xml")
                + ServerConfigFiles.read(role.haPolicy) + xml.substring(end);
    }

    /** The folder of the pair's lock and activation sequence, shared by both brokers. */
    private Path locks() {
        return settings.home().resolve("artemis/locks");
    }

    /**
     * Makes the users of role {@value #SUBSCRIBER_ROLE} exactly those WAYBILL_BROKER_SUBSCRIBERS names, on every start:
     * the previous subscribers' lines go, the current ones are written with hashed passwords.
     */
    private void writeSubscribers() throws IOException {
        Path users = instance.resolve("etc/artemis-users.properties");
        Path roles = instance.resolve("etc/artemis-roles.properties");
        Set<String> reserved = Set.of(settings.brokerUser().user(), settings.consoleUser().user());
        Set<String> previous = new HashSet<>();
        List<String> otherRoles = new ArrayList<>();
        for (String line : Files.readAllLines(roles)) {
            if (line.startsWith(SUBSCRIBER_ROLE + " =")) {
                for (String name : line.substring(line.indexOf('=') + 1).split(",")) {
                    previous.add(name.trim());
                }
            } else {
                otherRoles.add(line);
            }
        }
        List<String> otherUsers = new ArrayList<>();
        for (String line : Files.readAllLines(users)) {
            String name = line.contains("=") ? line.substring(0, line.indexOf('=')).trim() : "";
            if (!previous.contains(name) || reserved.contains(name)) {
                otherUsers.add(line);
            }
        }
        List<String> names = new ArrayList<>();
        for (StackSettings.Credentials subscriber : settings.brokerSubscribers()) {
            if (reserved.contains(subscriber.user())) {
                throw new IllegalArgumentException("WAYBILL_BROKER_SUBSCRIBERS: " + subscriber.user()
                        + " is the application's or the console's broker user");
            }
            otherUsers.add(subscriber.user() + " = ENC(" + hash(subscriber.password()) + ")");
            names.add(subscriber.user());
        }
        if (!names.isEmpty()) {
            otherRoles.add(SUBSCRIBER_ROLE + " = " + String.join(",", names));
        }
        Files.write(users, otherUsers);
        Files.write(roles, otherRoles);
    }

    /** The broker's own salted hash of a password, as its users file keeps it. */
    private String hash(String password) throws IOException {
        return ChildProcess.capture(List.of("bash", instance.resolve("bin/artemis").toString(), "mask",
                        "--hash", password), instance).lines()
                .filter(l -> l.startsWith("result: ")).findFirst()
                .orElseThrow(() -> new IOException("artemis mask printed no result"))
                .substring("result: ".length()).trim();
    }

    /** Artemis writes these files without a final newline; a plain append would glue two entries together. */
    private static void appendLine(Path file, String line) throws IOException {
        String content = Files.readString(file);
        Files.writeString(file, (content.endsWith("\n") ? content : content + "\n") + line + "\n");
    }

    /**
     * Starts the broker and waits until it serves clients: the only broker, or the primary of a pair, which is active
     * at once or, when its backup is active, once it has caught up and taken over (fail-back). The backup, passive, is
     * started with {@link #launch} and {@link #awaitReplicating} instead.
     */
    public void start() throws IOException {
        launch();
        awaitActive(Duration.ofMinutes(2));
    }

    /** Starts the broker's process and waits for its web console and metrics, which a passive broker serves too. */
    public void launch() throws IOException {
        Map<String, String> env = new HashMap<>(Map.of(
                "JAVA_ARGS_APPEND", javaArgs() + " -Dwaybill.broker.host=" + endpoint.host()
                        + " -Dwaybill.broker.port=" + endpoint.port()
                        + " -Dwaybill.broker.metrics.port=" + metricsPort
                        + " -Dwaybill.broker.tls=" + settings.brokerTls().enabled()
                        + " -Dwaybill.broker.tls.keystore=" + settings.home().resolve(DevelopmentCertificate.BROKER_KEY_STORE)
                        + " -Dwaybill.broker.tls.truststore=" + settings.home().resolve(DevelopmentCertificate.BROKER_TRUST_STORE),
                "ARTEMIS_INSTANCE", instance.toString(),
                // In the environment, not on the command line, as the cluster user below: broker.xml reads them there.
                "WAYBILL_BROKER_TLS_KEYSTORE_PASSWORD", DevelopmentCertificate.PASSWORD,
                "WAYBILL_BROKER_TRUSTSTORE_PASSWORD", DevelopmentCertificate.PASSWORD));
        if (role != Role.SINGLE) {
            StackSettings.Endpoint peer = role == Role.PRIMARY ? settings.brokerBackup().endpoint() : settings.broker();
            env.put("JAVA_ARGS_APPEND", env.get("JAVA_ARGS_APPEND") + " -Dwaybill.broker.peer.host=" + peer.host()
                    + " -Dwaybill.broker.peer.port=" + peer.port() + " -Dwaybill.broker.locks=" + locks());
            // In the environment, not on the command line: pair.xml reads them from there.
            env.put("WAYBILL_BROKER_CLUSTER_USER", settings.brokerBackup().clusterUser().user());
            env.put("WAYBILL_BROKER_CLUSTER_PASSWORD", settings.brokerBackup().clusterUser().password());
        }
        logStart = Files.exists(log) ? Files.size(log) : 0;
        process = ChildProcess.start(name, List.of("bash", instance.resolve("bin/artemis").toString(), "run"),
                instance, env, log);
        process.await("web console", Duration.ofMinutes(2), () -> ChildProcess.portOpen("127.0.0.1", consolePort), log);
        process.await("metrics endpoint", Duration.ofMinutes(1), () -> ChildProcess.portOpen("127.0.0.1", metricsPort), log);
    }

    /** server-config/artemis/java-args: its options on one line, comments left out. */
    private static String javaArgs() {
        return ServerConfigFiles.read("artemis/java-args").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(java.util.stream.Collectors.joining(" "));
    }

    /** Waits until the broker accepts clients: it is the active one. */
    public void awaitActive(Duration timeout) {
        process.await("broker port " + endpoint.port(), timeout, this::isActive, log);
    }

    /** Whether the broker accepts clients; a passive broker of a pair does not open its port. */
    public boolean isActive() {
        return process != null && process.isAlive() && ChildProcess.portOpen(endpoint.host(), endpoint.port());
    }

    /**
     * Waits until this broker of a pair, passive, has copied the active one's journal and replicates it (Artemis's
     * AMQ221024 in its log since {@link #launch}): from then on a kill -9 of the active one loses nothing.
     */
    public void awaitReplicating(Duration timeout) {
        awaitReplicating(logStart, timeout);
    }

    /**
     * Waits until this broker replicates again since {@code logMark} ({@link #logMark}): e.g. the backup, active after
     * its primary died, once the primary took over again (fail-back) and it went back to replicating it.
     */
    public void awaitReplicating(long logMark, Duration timeout) {
        process.await("replication from the active broker (AMQ221024)", timeout,
                () -> logSince(logMark).contains("AMQ221024"), log);
    }

    /** Where the broker's log ends now, for {@link #awaitReplicating(long, Duration)}. */
    public long logMark() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String logSince(long mark) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The folder of its message journal (broker.xml's journal-directory), for the benchmark to watch. */
    public Path journal() {
        return instance.resolve("data/journal");
    }

    /** Its management API, as the web console and operators' tools use it: this broker's own. */
    public BrokerConsole console() {
        return new BrokerConsole(settings, consolePort);
    }

    /** A crash: SIGKILL, no shutdown. */
    public void kill() {
        process.kill();
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(30));
        }
    }
}

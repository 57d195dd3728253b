package org.waybill.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A standalone ActiveMQ Artemis broker: the distribution from Maven Central, an instance under
 * {@code home/artemis/instance} created once (login required), and server-config/artemis/broker.xml and Waybill's
 * broker libraries (its metrics plugin, {@link BrokerLibraries}) applied on every start. The journal survives
 * restarts; so do messages.
 */
public final class LocalBroker {
    /** The application's role in broker.xml's security settings. */
    public static final String APPLICATION_ROLE = "waybill";
    /** Read-only subscribers of the event and replay addresses (WAYBILL_BROKER_SUBSCRIBERS). */
    public static final String SUBSCRIBER_ROLE = "subscriber";

    private final StackSettings settings;
    private final Path instance;
    private final Path log;
    private ChildProcess process;

    LocalBroker(StackSettings settings) {
        this.settings = settings;
        this.instance = settings.home().resolve("artemis/instance");
        this.log = settings.home().resolve("logs/artemis.log");
    }

    void prepare() throws IOException {
        Path artemisHome = Distributions.unpack(settings.distributions().resolve("apache-artemis-bin.tar.gz"),
                settings.home().resolve("artemis/dist"));
        if (!Files.exists(instance.resolve("bin/artemis"))) {
            System.out.println("Creating the Artemis broker instance in " + instance);
            ChildProcess.run(List.of("bash", artemisHome.resolve("bin/artemis").toString(), "create", instance.toString(),
                    "--user", settings.consoleUser().user(), "--password", settings.consoleUser().password(),
                    "--role", "amq", "--require-login", "--http-host", "127.0.0.1",
                    "--http-port", Integer.toString(settings.consolePort()), "--nio", "--silent"),
                    settings.home(), Map.of(), Duration.ofMinutes(2));
            appendLine(instance.resolve("etc/artemis-users.properties"),
                    settings.brokerUser().user() + " = ENC(" + hash(settings.brokerUser().password()) + ")");
            appendLine(instance.resolve("etc/artemis-roles.properties"), APPLICATION_ROLE + " = " + settings.brokerUser().user());
        }
        writeSubscribers();
        BrokerLibraries.install(settings.distributions(), instance.resolve("lib"));
        Files.writeString(instance.resolve("etc/broker.xml"), ServerConfigFiles.read("artemis/broker.xml"));
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

    public void start() throws IOException {
        Map<String, String> env = Map.of(
                "JAVA_ARGS_APPEND", "-Dwaybill.broker.host=" + settings.broker().host()
                        + " -Dwaybill.broker.port=" + settings.broker().port()
                        + " -Dwaybill.broker.metrics.port=" + settings.brokerMetricsPort(),
                "ARTEMIS_INSTANCE", instance.toString());
        process = ChildProcess.start("artemis", List.of("bash", instance.resolve("bin/artemis").toString(), "run"),
                instance, env, log);
        process.await("broker port " + settings.broker().port(), Duration.ofMinutes(2),
                () -> ChildProcess.portOpen(settings.broker().host(), settings.broker().port()), log);
        process.await("web console", Duration.ofMinutes(1),
                () -> ChildProcess.portOpen("127.0.0.1", settings.consolePort()), log);
        process.await("metrics endpoint", Duration.ofMinutes(1),
                () -> ChildProcess.portOpen("127.0.0.1", settings.brokerMetricsPort()), log);
    }

    /** Its management API, as the web console and operators' tools use it. */
    public BrokerConsole console() {
        return new BrokerConsole(settings);
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

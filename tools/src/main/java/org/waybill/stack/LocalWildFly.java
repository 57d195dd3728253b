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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One WildFly node ({@link StackSettings.Node}) from the Maven Central distribution, prepared offline: the PostgreSQL
 * driver module is added and the CLI scripts of server-config/wildfly are applied to standalone-full.xml with an
 * embedded CLI server. A prepared installation is prepared again only when those files change; every node runs it
 * with a server base folder of its own (configuration, deployments, data, logs), whose data (transaction logs) stays,
 * and every start begins from the configuration exactly as prepared. Each node starts, stops, crashes and pauses on
 * its own.
 */
public final class LocalWildFly {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String CONFIG = "standalone-full.xml";
    private static final String MODULE_XML = "wildfly/postgresql-module.xml";

    private final StackSettings settings;
    private final StackSettings.Node node;
    private final Path home;
    private final Path base;
    private final Path log;
    private final URI readiness;
    /** The last answer of {@link #readiness}, which names the failing check, for the error when it never gets UP. */
    private volatile String lastReadiness = "none";
    /** Settings beyond the stack's own, e.g. another messaging mode for the benchmark. */
    private Map<String, String> extraEnvironment = Map.of();
    /** Server system properties beyond the stack's own (name to value), e.g. a shorter poll for one test. */
    private Map<String, String> systemProperties = Map.of();
    private ChildProcess process;
    private volatile boolean paused;

    public LocalWildFly(StackSettings settings, StackSettings.Node node) {
        this.settings = settings;
        this.node = node;
        this.home = settings.home().resolve("wildfly");
        this.base = home.resolve(node.baseFolder());
        this.log = settings.home().resolve(node.number() == 1 ? "logs/wildfly-console.log"
                : "logs/wildfly-" + node.baseFolder() + "-console.log");
        this.readiness = URI.create("http://127.0.0.1:" + node.managementPort() + "/health/ready");
    }

    public StackSettings.Node node() {
        return node;
    }

    /** The node's server log. */
    public Path serverLog() {
        return base.resolve("log/server.log");
    }

    /**
     * Prepares the installation if server-config changed, then this node's base folder: node 1's is the
     * installation's own; another node's takes the installation's configuration files and keeps its own data. Every
     * start begins from the configuration as prepared. Returns WildFly's home folder.
     */
    public Path provision() throws IOException {
        Path provisioned = provisionInstallation();
        Path configuration = base.resolve("configuration");
        if (node.number() > 1) {
            Files.createDirectories(configuration);
            Files.createDirectories(base.resolve("deployments"));
            // Not node 1's standalone-full.xml: node 1 may be running and have changed it.
            try (var files = Files.list(home.resolve("standalone/configuration"))) {
                for (Path file : files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(CONFIG))
                        .toList()) {
                    Files.copy(file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // Whatever a previous run changed at run time (say, a deployment left behind by a crash) is dropped.
        Files.copy(provisioned, configuration.resolve(CONFIG), StandardCopyOption.REPLACE_EXISTING);
        writeUsers(configuration);
        return home;
    }

    /** Applies server-config to the installation if it changed since the last time; returns the configuration made. */
    private Path provisionInstallation() throws IOException {
        Distributions.unpack(settings.distributions().resolve("wildfly-dist.tar.gz"), home);
        if (settings.developmentCertificate()) {
            DevelopmentCertificate.ensureForWildFly(settings);
        }
        Path driver = settings.distributions().resolve("postgresql.jar");
        List<String> files = new ArrayList<>(ServerConfigFiles.WILDFLY_SCRIPTS);
        files.add(MODULE_XML);
        List<String> fingerprintParts = new ArrayList<>(List.of(Long.toString(Files.size(driver))));
        for (ServerModule module : ServerModule.ALL) {
            files.add(module.xml());
            fingerprintParts.add(java.util.HexFormat.of().formatHex(module.classBytes()));
        }
        String fingerprint = ServerConfigFiles.fingerprint(files, fingerprintParts.toArray(String[]::new));
        Path stamp = home.resolve(".waybill-config");
        Path config = home.resolve("standalone/configuration").resolve(CONFIG);
        Path provisioned = config.resolveSibling(CONFIG + ".provisioned");
        if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint) && Files.exists(provisioned)) {
            return provisioned;
        }
        System.out.println("Configuring WildFly in " + home + " from server-config/wildfly");
        Path pristine = config.resolveSibling(CONFIG + ".dist");
        if (Files.exists(pristine)) {
            Files.copy(pristine, config, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.copy(config, pristine);
        }
        Path module = home.resolve("modules/org/postgresql/jdbc/main");
        Files.createDirectories(module);
        Files.writeString(module.resolve("module.xml"), ServerConfigFiles.read(MODULE_XML));
        Files.copy(driver, module.resolve("postgresql.jar"), StandardCopyOption.REPLACE_EXISTING);
        for (ServerModule own : ServerModule.ALL) {
            own.install(home.resolve("modules"));
        }

        StringBuilder script = new StringBuilder("embed-server --server-config=" + CONFIG + " --std-out=discard\n");
        ServerConfigFiles.WILDFLY_SCRIPTS.forEach(s -> script.append(ServerConfigFiles.read(s)).append('\n'));
        script.append("stop-embedded-server\n");
        Path scriptFile = home.resolve("waybill-configure.cli");
        Files.writeString(scriptFile, script);
        ChildProcess.run(List.of("bash", home.resolve("bin/jboss-cli.sh").toString(), "--file=" + scriptFile),
                home, Map.of(), Duration.ofMinutes(5));
        Files.copy(config, provisioned, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(stamp, fingerprint);
        return provisioned;
    }

    /** More WAYBILL_* settings for this node, kept for its later starts. */
    public void extraEnvironment(Map<String, String> environment) {
        this.extraEnvironment = Map.copyOf(environment);
    }

    /** Server system properties for this node (e.g. waybill.relay.poll-millis), kept for its later starts. */
    public void systemProperties(Map<String, String> properties) {
        this.systemProperties = Map.copyOf(properties);
    }

    /** Starts the node with the EAR in its deployment folder and waits until the deployment is up and ready. */
    public void start(Path ear) throws IOException {
        Path deployments = base.resolve("deployments");
        try (var old = Files.list(deployments)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("waybill.ear")).toList()) {
                Files.delete(p);
            }
        }
        Files.copy(ear, deployments.resolve("waybill.ear"));
        // standalone.sh runs the JVM in the foreground; the stack signals the JVM itself to stop it.
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/standalone.sh").toString(), "-c", CONFIG,
                "-Djboss.socket.binding.port-offset=" + node.portOffset(), "-Djboss.server.base.dir=" + base));
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        process = ChildProcess.start(node.number() == 1 ? "wildfly" : "wildfly-" + node.baseFolder(), command, home,
                environment(), log);
        Path deployed = deployments.resolve("waybill.ear.deployed");
        Path failed = deployments.resolve("waybill.ear.failed");
        process.await("deployment of waybill.ear", Duration.ofMinutes(5),
                () -> Files.exists(deployed) || Files.exists(failed), log);
        if (Files.exists(failed)) {
            throw new IllegalStateException("waybill.ear failed to deploy: " + Files.readString(failed)
                    + "\nsee " + serverLog());
        }
        try {
            process.await("readiness (" + readiness + ")", Duration.ofMinutes(2), this::ready, serverLog());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\nlast answer: " + lastReadiness, e);
        }
    }

    /**
     * Whether WildFly's MicroProfile Health says ready (configure-observability.cli): the server booted without errors,
     * the EAR is deployed and Waybill's checks (database, broker, relay, outbox lag) are UP.
     */
    private boolean ready() {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            lastReadiness = answer.statusCode() + " " + answer.body();
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for WildFly's readiness", e);
        }
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new java.util.LinkedHashMap<>(settings.wildflyEnvironment(node));
        environment.putAll(extraEnvironment);
        return environment;
    }

    /** The users of the screens and the API, in WildFly's ApplicationRealm; rewritten every time. */
    private void writeUsers(Path configuration) throws IOException {
        String header = "# Written by the Waybill launcher from WAYBILL_USERS on every start.\n#$REALM_NAME="
                + AppUser.REALM + "$\n";
        Files.writeString(configuration.resolve("application-users.properties"), header + settings.users().stream()
                .map(AppUser::usersLine).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        Files.writeString(configuration.resolve("application-roles.properties"), header + settings.users().stream()
                .map(AppUser::rolesLine).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
    }

    /** A crash: SIGKILL, no shutdown. */
    public void kill() {
        process.kill();
    }

    /**
     * Freezes the node's JVM (SIGSTOP): it keeps its connections and locks but answers nothing, as a node stuck in a
     * long garbage collection or on a starved host does. {@link #resume} lets it go on.
     */
    public void pause() {
        process.signal("STOP");
        paused = true;
    }

    public void resume() {
        process.signal("CONT");
        paused = false;
    }

    /** Whether the node's process is up (started, not stopped or crashed since). */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public void stop() {
        if (isRunning()) {
            if (paused) {
                resume(); // a frozen JVM would take SIGTERM only as the grace period ends, with SIGKILL
            }
            process.stop(Duration.ofSeconds(60));
        }
    }
}

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
 * WildFly from its Maven Central distribution, prepared offline: the PostgreSQL driver module is added and the CLI
 * scripts of server-config/wildfly are applied to standalone-full.xml with an embedded CLI server. A prepared server
 * is prepared again only when those files change; its data (transaction logs) stays, and every start begins from the
 * configuration exactly as prepared.
 */
final class LocalWildFly {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String CONFIG = "standalone-full.xml";
    private static final String MODULE_XML = "wildfly/postgresql-module.xml";

    private final StackSettings settings;
    private final Path home;
    private final Path log;
    private final URI readiness;
    /** The last answer of {@link #readiness}, which names the failing check, for the error when it never gets UP. */
    private volatile String lastReadiness = "none";
    /** Settings beyond the stack's own, e.g. another messaging mode for the benchmark. */
    private Map<String, String> extraEnvironment = Map.of();
    private ChildProcess process;

    LocalWildFly(StackSettings settings) {
        this.settings = settings;
        this.home = settings.home().resolve("wildfly");
        this.log = settings.home().resolve("logs/wildfly-console.log");
        this.readiness = URI.create("http://127.0.0.1:" + settings.managementPort() + "/health/ready");
    }

    Path provision() throws IOException {
        Distributions.unpack(settings.distributions().resolve("wildfly-dist.tar.gz"), home);
        if (settings.developmentCertificate()) {
            DevelopmentCertificate.ensure(settings);
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
            // Whatever a previous run changed at run time (say, a deployment left behind by a crash) is dropped.
            Files.copy(provisioned, config, StandardCopyOption.REPLACE_EXISTING);
            writeUsers();
            return home;
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
        writeUsers();
        return home;
    }

    void extraEnvironment(Map<String, String> environment) {
        this.extraEnvironment = Map.copyOf(environment);
    }

    /** Starts WildFly with the EAR in its deployment folder and waits until the deployment is up and ready. */
    void start(Path ear) throws IOException {
        Path deployments = home.resolve("standalone/deployments");
        try (var old = Files.list(deployments)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("waybill.ear")).toList()) {
                Files.delete(p);
            }
        }
        Files.copy(ear, deployments.resolve("waybill.ear"));
        // standalone.sh runs the JVM in the foreground; the stack signals the JVM itself to stop it.
        process = ChildProcess.start("wildfly", List.of("bash", home.resolve("bin/standalone.sh").toString(),
                "-c", CONFIG, "-Djboss.socket.binding.port-offset=" + settings.portOffset()), home,
                environment(), log);
        Path deployed = deployments.resolve("waybill.ear.deployed");
        Path failed = deployments.resolve("waybill.ear.failed");
        process.await("deployment of waybill.ear", Duration.ofMinutes(5),
                () -> Files.exists(deployed) || Files.exists(failed), log);
        if (Files.exists(failed)) {
            throw new IllegalStateException("waybill.ear failed to deploy: " + Files.readString(failed)
                    + "\nsee " + home.resolve("standalone/log/server.log"));
        }
        try {
            process.await("readiness (" + readiness + ")", Duration.ofMinutes(2), this::ready,
                    home.resolve("standalone/log/server.log"));
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
        Map<String, String> environment = new java.util.LinkedHashMap<>(settings.wildflyEnvironment());
        environment.putAll(extraEnvironment);
        return environment;
    }

    /** The users of the screens and the API, in WildFly's ApplicationRealm; rewritten every time. */
    private void writeUsers() throws IOException {
        Path configuration = home.resolve("standalone/configuration");
        String header = "# Written by the Waybill launcher from WAYBILL_USERS on every start.\n#$REALM_NAME="
                + AppUser.REALM + "$\n";
        Files.writeString(configuration.resolve("application-users.properties"), header + settings.users().stream()
                .map(AppUser::usersLine).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        Files.writeString(configuration.resolve("application-roles.properties"), header + settings.users().stream()
                .map(AppUser::rolesLine).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
    }

    /** A crash: SIGKILL, no shutdown. */
    void kill() {
        process.kill();
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(60));
        }
    }
}

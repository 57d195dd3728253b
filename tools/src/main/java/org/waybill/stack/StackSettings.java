package org.waybill.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where the local stack lives, its ports and its credentials. Every value comes from a {@code WAYBILL_*} environment
 * variable with a development default; the same variables configure WildFly (see server-config/wildfly/*.cli).
 * Setting {@code WAYBILL_DB_HOST}, {@code WAYBILL_BROKER_HOST} or {@code WAYBILL_SMTP_HOST} means "use mine": the
 * launcher then starts no embedded PostgreSQL, Artemis or SMTP sink. {@code WAYBILL_USERS} names the users of the
 * screens and the API. {@code WAYBILL_TLS_KEYSTORE} names a PKCS#12 key store with the certificate WildFly serves
 * HTTPS with; unset, the launcher makes a self-signed one for development ({@link DevelopmentCertificate}).
 * {@code WAYBILL_MESSAGING_MODE} is WildFly's messaging mode, which also decides whether the embedded PostgreSQL
 * allows prepared transactions ({@link #needsPreparedTransactions}). {@code WAYBILL_NODES} is how many WildFly nodes
 * the launcher starts against the one database and broker ({@link Node}: ports, folder and identifier of each).
 * {@code WAYBILL_BROKER_PAIR=true} makes the broker a replicated primary/backup pair ({@link BrokerBackup}).
 * {@code WAYBILL_DB_SSLMODE} and {@code WAYBILL_DB_SSLROOTCERT} say how clients reach PostgreSQL over TLS
 * ({@link DatabaseTls}). {@code WAYBILL_BROKER_TLS} (true unless set to false) makes every client reach the broker
 * over TLS, trusting the certificates of {@code WAYBILL_BROKER_TRUSTSTORE}: unset, the embedded broker's development
 * certificate ({@link DevelopmentCertificate}), or for a broker of your own the JDK's public authorities.
 */
public record StackSettings(
        Path home,
        Path distributions,
        Endpoint database, String databaseName, Credentials databaseUser, boolean embeddedDatabase,
        DatabaseTls databaseTls,
        String databaseLockTimeout,
        Endpoint broker, Credentials brokerUser, boolean embeddedBroker, List<Credentials> brokerSubscribers,
        BrokerTls brokerTls,
        int consolePort, Credentials consoleUser, String consoleUrl, int brokerMetricsPort,
        BrokerBackup brokerBackup,
        Endpoint smtp, int imapPort, boolean embeddedMail,
        int portOffset, int nodeCount,
        Path tlsKeyStore, String tlsKeyStorePassword, boolean developmentCertificate,
        List<AppUser> users,
        String messagingMode,
        String otlpEndpoint) {
    public static final String MESSAGING_MODE = "WAYBILL_MESSAGING_MODE";
    /**
     * How long a statement of WildFly's waits for a row lock (PostgreSQL's lock_timeout in the datasource URL,
     * configure-datasource.cli, which has the default of 30s); null when unset.
     */
    public static final String DB_LOCK_TIMEOUT = "WAYBILL_DB_LOCK_TIMEOUT";
    /** pgjdbc's sslmode for every connection to PostgreSQL ({@link DatabaseTls}); verify-full by default. */
    public static final String DB_SSLMODE = "WAYBILL_DB_SSLMODE";
    /** The certificate (PEM) of the authority that signed a database of your own's certificate. */
    public static final String DB_SSLROOTCERT = "WAYBILL_DB_SSLROOTCERT";
    /**
     * A PostgreSQL duration above zero, as it goes into the URL unencoded: 0 would lift the bound, and a space or a
     * sign would break the URL, so that every connection of WildFly failed long after the start command returned.
     */
    private static final Pattern LOCK_TIMEOUT = Pattern.compile("[1-9][0-9]*(ms|s|min|h)?");
    /** Where WildFly sends its spans (OTLP over HTTP), e.g. http://127.0.0.1:4318; none when unset. */
    public static final String OTLP_ENDPOINT = "WAYBILL_OTLP_ENDPOINT";
    private static final List<String> MESSAGING_MODES = List.of("at-least-once", "xa", "direct-xa");
    public static final String NODES = "WAYBILL_NODES";
    public static final String BROKER_PAIR = "WAYBILL_BROKER_PAIR";
    /** Whether clients reach the broker over TLS ({@link BrokerTls}); true by default. */
    public static final String BROKER_TLS = "WAYBILL_BROKER_TLS";
    /**
     * The password of a broker's own trust store when none is given: the JDK's convention, and what
     * configure-messaging.cli assumes for WildFly started without the launcher, so both read the store alike.
     */
    static final String OWN_TRUST_STORE_PASSWORD = "changeit";
    static final int MAX_NODES = 9;
    /**
     * How far apart the port offsets of the nodes lie. Not WildFly's customary 100: the integration tests run beside a
     * started system with an offset of 100, so a second node at 100 would take the tests' ports.
     */
    static final int NODE_PORT_STEP = 1000;
    /** The ports standalone-full.xml binds (ajp, http, https, iiop, iiop-ssl, management, transactions), at offset 0. */
    private static final List<Integer> WILDFLY_PORTS = List.of(8009, 8080, 8443, 3528, 3529, 9990, 9993, 4712, 4713);

    /**
     * One WildFly node of the stack, numbered from 1. Node 1 is the server as it always was (folder
     * wildfly/standalone); node n runs the same installation with its own server base folder wildfly/node-n. A single
     * node has the stack's port offset; with more, the load balancer has it ({@link #balancerPorts}) and node n is
     * {@value StackSettings#NODE_PORT_STEP} x n above it (a node the stack does not start, as the tests' second, is
     * {@value StackSettings#NODE_PORT_STEP} x (n - 1) above a single node). Its identifier
     * waybill-n is its transaction node identifier and Undertow's instance id (configure-transactions.cli,
     * configure-web.cli): stable across restarts, so its recovery finds its own in-doubt transactions and session
     * cookies name it as their route.
     */
    public record Node(int number, int portOffset) {
        public String id() {
            return "waybill-" + number;
        }

        public int httpPort() {
            return 8080 + portOffset;
        }

        public int httpsPort() {
            return 8443 + portOffset;
        }

        public int managementPort() {
            return 9990 + portOffset;
        }

        /** Every port the node listens on. */
        public List<Integer> ports() {
            return WILDFLY_PORTS.stream().map(p -> p + portOffset).toList();
        }

        /** The server base folder under WildFly's installation: node 1 keeps the distribution's own. */
        public String baseFolder() {
            return number == 1 ? "standalone" : "node-" + number;
        }
    }

    public record Endpoint(String host, int port) {
    }

    /**
     * The backup broker of a primary/backup pair ({@value StackSettings#BROKER_PAIR}): its client port, and, when the
     * launcher starts it beside its own primary, its console and metrics ports (by default each one above the
     * primary's) and the user the two brokers replicate as. WildFly's connection factories list it after the primary.
     */
    public record BrokerBackup(Endpoint endpoint, int consolePort, int metricsPort, Credentials clusterUser) {
        public String url() {
            return "tcp://" + endpoint.host() + ":" + endpoint.port();
        }
    }

    /**
     * How clients reach the broker: over TLS, checking that its certificate names the host they asked for and is
     * signed by one in trustStore (null: the JDK's own authorities), or, with {@code enabled} false, in the clear.
     */
    public record BrokerTls(boolean enabled, Path trustStore, String trustStorePassword) {
        /** The client's transport parameters, in the URL form of Artemis's connection factories; none without TLS. */
        String urlParameters() {
            if (!enabled) {
                return "";
            }
            return "sslEnabled=true&verifyHost=true" + (trustStore == null ? ""
                    : "&trustStorePath=" + urlValue(trustStore.toString()) + "&trustStorePassword=" + urlValue(trustStorePassword));
        }
    }

    /**
     * How clients reach PostgreSQL: pgjdbc's sslmode (verify-full checks the certificate and that it names the host)
     * and the certificate of the authority trusted (null: pgjdbc's default, ~/.postgresql/root.crt).
     */
    public record DatabaseTls(String sslMode, Path rootCertificate) {
        /** Modes that never fall back to the clear: pgjdbc's allow and prefer would, so they are refused. */
        static final List<String> MODES = List.of("verify-full", "verify-ca", "require", "disable");

        /** pgjdbc's URL parameters for it. */
        String urlParameters() {
            return "sslmode=" + sslMode + (rootCertificate == null || sslMode.equals("disable") ? ""
                    : "&sslrootcert=" + urlValue(rootCertificate.toString()));
        }
    }

    /**
     * A value for a client URL's query: Artemis's and pgjdbc's clients decode each value, so a path with a space or a
     * password with &amp; stays whole.
     */
    private static String urlValue(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return user + "/****";
        }
    }

    public static StackSettings from(Path home, Path distributions, Function<String, String> environment) {
        Env env = new Env(environment);
        String dbHost = env.get("WAYBILL_DB_HOST", null);
        String brokerHost = env.get("WAYBILL_BROKER_HOST", null);
        String smtpHost = env.get("WAYBILL_SMTP_HOST", null);
        String keyStore = env.get("WAYBILL_TLS_KEYSTORE", null);
        String brokerTrustStore = env.get("WAYBILL_BROKER_TRUSTSTORE", null);
        String databaseRootCertificate = env.get(DB_SSLROOTCERT, null);
        if (databaseRootCertificate != null && dbHost == null) {
            throw new IllegalArgumentException(DB_SSLROOTCERT + " is for a database of your own (WAYBILL_DB_HOST); the"
                    + " embedded PostgreSQL serves its development certificate, which the launcher trusts");
        }
        if (brokerTrustStore != null && brokerHost == null) {
            throw new IllegalArgumentException("WAYBILL_BROKER_TRUSTSTORE is for a broker of your own (WAYBILL_BROKER_HOST);"
                    + " the embedded broker serves its development certificate, which the launcher's trust store holds");
        }
        StackSettings settings = new StackSettings(
                home, distributions,
                new Endpoint(dbHost == null ? "127.0.0.1" : dbHost, env.port("WAYBILL_DB_PORT", 15432)),
                env.get("WAYBILL_DB_NAME", "waybill"),
                new Credentials(env.get("WAYBILL_DB_USER", "waybill"), env.get("WAYBILL_DB_PASSWORD", "waybill")),
                dbHost == null,
                new DatabaseTls(checkedSslMode(env.get(DB_SSLMODE, "verify-full")),
                        databaseRootCertificate != null ? Path.of(databaseRootCertificate).toAbsolutePath()
                                : dbHost == null ? home.resolve(DevelopmentCertificate.POSTGRES_CERTIFICATE) : null),
                checkedLockTimeout(env.get(DB_LOCK_TIMEOUT, null)),
                new Endpoint(brokerHost == null ? "127.0.0.1" : brokerHost, env.port("WAYBILL_BROKER_PORT", 61616)),
                new Credentials(env.get("WAYBILL_BROKER_USER", "waybill"), env.get("WAYBILL_BROKER_PASSWORD", "waybill")),
                brokerHost == null,
                subscribers(env.get("WAYBILL_BROKER_SUBSCRIBERS", "")),
                new BrokerTls(env.flag(BROKER_TLS, true),
                        brokerTrustStore != null ? Path.of(brokerTrustStore).toAbsolutePath()
                                : brokerHost == null ? home.resolve(DevelopmentCertificate.BROKER_TRUST_STORE) : null,
                        env.get("WAYBILL_BROKER_TRUSTSTORE_PASSWORD",
                                brokerTrustStore != null ? OWN_TRUST_STORE_PASSWORD : DevelopmentCertificate.PASSWORD)),
                env.port("WAYBILL_CONSOLE_PORT", 8161),
                new Credentials(env.get("WAYBILL_CONSOLE_USER", "admin"), env.get("WAYBILL_CONSOLE_PASSWORD", "admin")),
                env.get("WAYBILL_CONSOLE_URL", "http://127.0.0.1:" + env.port("WAYBILL_CONSOLE_PORT", 8161) + "/console"),
                env.port("WAYBILL_BROKER_METRICS_PORT", 9404),
                brokerBackup(env, brokerHost),
                new Endpoint(smtpHost == null ? "127.0.0.1" : smtpHost, env.port("WAYBILL_SMTP_PORT", 3025)),
                env.port("WAYBILL_IMAP_PORT", 3143),
                smtpHost == null,
                env.port("WAYBILL_PORT_OFFSET", 0),
                env.number(NODES, 1, 1, MAX_NODES),
                keyStore == null ? developmentKeyStore(home) : Path.of(keyStore).toAbsolutePath(),
                env.get("WAYBILL_TLS_KEYSTORE_PASSWORD", DevelopmentCertificate.PASSWORD),
                keyStore == null,
                AppUser.parse(env.get("WAYBILL_USERS", AppUser.DEVELOPMENT_USERS)),
                checkedMode(env.get(MESSAGING_MODE, "at-least-once")),
                env.get(OTLP_ENDPOINT, null));
        settings.checkPortsDistinct();
        return settings;
    }

    /**
     * The pair's backup, or null without a pair. Its host is WAYBILL_BROKER_BACKUP_HOST, else the primary's (the
     * launcher's own backup runs beside its own primary).
     */
    private static BrokerBackup brokerBackup(Env env, String brokerHost) {
        if (!env.flag(BROKER_PAIR, false)) {
            return null;
        }
        String host = env.get("WAYBILL_BROKER_BACKUP_HOST", brokerHost == null ? "127.0.0.1" : brokerHost);
        return new BrokerBackup(
                new Endpoint(host, env.port("WAYBILL_BROKER_BACKUP_PORT", env.port("WAYBILL_BROKER_PORT", 61616) + 1)),
                env.port("WAYBILL_BROKER_BACKUP_CONSOLE_PORT", env.port("WAYBILL_CONSOLE_PORT", 8161) + 1),
                env.port("WAYBILL_BROKER_BACKUP_METRICS_PORT", env.port("WAYBILL_BROKER_METRICS_PORT", 9404) + 1),
                new Credentials(env.get("WAYBILL_BROKER_CLUSTER_USER", "waybill-cluster"),
                        env.get("WAYBILL_BROKER_CLUSTER_PASSWORD", "waybill-cluster")));
    }

    /** Whether the broker is a primary/backup pair ({@value #BROKER_PAIR}). */
    public boolean brokerPair() {
        return brokerBackup != null;
    }

    /** Node {@code number} (1-based); it need not be one the stack starts itself (the tests start a second one). */
    public Node node(int number) {
        if (number < 1 || number > MAX_NODES) {
            throw new IllegalArgumentException("a node number is 1 to " + MAX_NODES + ", not " + number);
        }
        return new Node(number, portOffset + NODE_PORT_STEP * (balanced() ? number : number - 1));
    }

    /** Whether the start command puts a load balancer in front of the nodes: with more than one. */
    public boolean balanced() {
        return nodeCount > 1;
    }

    /**
     * The load balancer's ports with more than one node (HTTP, HTTPS, management, management HTTPS, where a single
     * node has them); none with one.
     */
    public List<Integer> balancerPorts() {
        return balanced() ? List.of(8080 + portOffset, 8443 + portOffset, 9990 + portOffset, 9993 + portOffset) : List.of();
    }

    /** The nodes the launcher starts ({@value #NODES}). */
    public List<Node> nodes() {
        return java.util.stream.IntStream.rangeClosed(1, nodeCount).mapToObj(this::node).toList();
    }

    /** The ports this machine listens on for the stack besides WildFly's: those of the servers the launcher starts. */
    List<Integer> servicePorts() {
        List<Integer> ports = new ArrayList<>();
        if (embeddedDatabase) {
            ports.add(database.port());
        }
        if (embeddedBroker) {
            ports.addAll(List.of(broker.port(), consolePort, brokerMetricsPort));
            if (brokerPair()) {
                ports.addAll(List.of(brokerBackup.endpoint().port(), brokerBackup.consolePort(), brokerBackup.metricsPort()));
            }
        }
        if (embeddedMail) {
            ports.addAll(List.of(smtp.port(), imapPort));
        }
        return ports;
    }

    /** A port offset or node count that makes two servers of the stack share a port is refused before anything starts. */
    private void checkPortsDistinct() {
        Map<Integer, String> owners = new LinkedHashMap<>();
        servicePorts().forEach(p -> claim(owners, p, "another server of the stack"));
        balancerPorts().forEach(p -> claim(owners, p, "the load balancer"));
        for (Node node : nodes()) {
            if (node.ports().stream().anyMatch(p -> p < 1 || p > 65535)) {
                throw new IllegalArgumentException("WAYBILL_PORT_OFFSET " + portOffset + " with " + nodeCount
                        + " nodes puts node " + node.number() + "'s ports outside 1-65535");
            }
            node.ports().forEach(p -> claim(owners, p, "WildFly node " + node.number()));
        }
    }

    private void claim(Map<Integer, String> owners, int port, String owner) {
        String earlier = owners.putIfAbsent(port, owner);
        if (earlier != null) {
            throw new IllegalArgumentException("port " + port + " is wanted by both " + earlier + " and " + owner
                    + " (WAYBILL_PORT_OFFSET " + portOffset + ", " + NODES + " " + nodeCount + ")");
        }
    }

    private static String checkedLockTimeout(String timeout) {
        if (timeout != null && !LOCK_TIMEOUT.matcher(timeout).matches()) {
            throw new IllegalArgumentException(DB_LOCK_TIMEOUT + " must be a duration above zero such as 10s, 500ms or "
                    + "2min, not '" + timeout + "'");
        }
        return timeout;
    }

    private static String checkedSslMode(String mode) {
        if (!DatabaseTls.MODES.contains(mode)) {
            throw new IllegalArgumentException(DB_SSLMODE + " must be one of " + DatabaseTls.MODES + ", not '" + mode
                    + "' (allow and prefer would fall back to the clear without a word)");
        }
        return mode;
    }

    private static String checkedMode(String mode) {
        if (!MESSAGING_MODES.contains(mode)) {
            throw new IllegalArgumentException(MESSAGING_MODE + " must be one of " + MESSAGING_MODES + ", not '" + mode + "'");
        }
        return mode;
    }

    /**
     * Whether WildFly in this messaging mode runs two-phase commits across the broker and PostgreSQL, which then needs
     * max_prepared_transactions &gt; 0: xa and direct-xa do; at-least-once never does, so it runs on a stock
     * PostgreSQL (max_prepared_transactions = 0).
     */
    public static boolean needsPreparedTransactions(String messagingMode) {
        return !checkedMode(messagingMode).equals("at-least-once");
    }

    /**
     * The embedded broker's read-only event subscribers (role {@value LocalBroker#SUBSCRIBER_ROLE}), from
     * {@code name:password,...}; none by default.
     */
    static List<Credentials> subscribers(String spec) {
        List<Credentials> subscribers = new ArrayList<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":", 2);
            if (parts.length != 2 || !parts[0].matches("[A-Za-z0-9._-]{1,100}") || parts[1].isEmpty()) {
                throw new IllegalArgumentException("WAYBILL_BROKER_SUBSCRIBERS entries are name:password, not '"
                        + parts[0] + ":****' (names of letters, digits and . _ -)");
            }
            subscribers.add(new Credentials(parts[0], parts[1]));
        }
        return List.copyOf(subscribers);
    }

    private record Env(Function<String, String> source) {
        String get(String name, String fallback) {
            String value = source.apply(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        int number(String name, int fallback, int min, int max) {
            String value = get(name, null);
            try {
                int number = value == null ? fallback : Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // the same answer as out of range
            }
            throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + ", not '" + value + "'");
        }

        boolean flag(String name, boolean fallback) {
            String value = get(name, Boolean.toString(fallback));
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
            }
            return value.equals("true");
        }

        int port(String name, int fallback) {
            String value = get(name, null);
            try {
                return value == null ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
            }
        }
    }

    /**
     * Where WildFly looks for its key store when WAYBILL_TLS_KEYSTORE is unset (server-config/wildfly/configure-tls.cli):
     * its configuration folder.
     */
    private static Path developmentKeyStore(Path home) {
        return home.resolve("wildfly/standalone/configuration/waybill-dev-tls.p12");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + databaseName + "?"
                + databaseTls.urlParameters();
    }

    /**
     * The broker's core protocol address, for JMS clients outside WildFly (tests, drills, benchmark); with a pair, both
     * brokers with HA on, so a client fails over to the backup.
     */
    public String brokerUrl() {
        String primary = "tcp://" + broker.host() + ":" + broker.port();
        String tls = brokerTls.urlParameters();
        if (brokerPair()) {
            return "(" + primary + "," + brokerBackup.url() + ")?ha=true&reconnectAttempts=-1" + (tls.isEmpty() ? "" : "&" + tls);
        }
        return tls.isEmpty() ? primary : primary + "?" + tls;
    }

    /** The embedded broker's meters in the Prometheus text format (broker.xml's metrics plugin), loopback only. */
    public String brokerMetricsUrl() {
        return "http://127.0.0.1:" + brokerMetricsPort + "/metrics";
    }

    /** A user of the given role, for the tests and the drills. */
    public AppUser userInRole(String role) {
        return users.stream().filter(u -> u.roles().contains(role)).findFirst()
                .orElseThrow(() -> new IllegalStateException("WAYBILL_USERS has no user with role " + role));
    }

    /** Where the application answers: the only node, or the load balancer in front of several. */
    public int httpPort() {
        return 8080 + portOffset;
    }

    public int httpsPort() {
        return 8443 + portOffset;
    }

    /** The only node's management port, or the load balancer's. */
    public int managementPort() {
        return 9990 + portOffset;
    }

    /** The environment one node reads its datasource, broker, mail server and identifier from. */
    public Map<String, String> wildflyEnvironment(Node node) {
        Map<String, String> env = wildflyEnvironment();
        env.put("WAYBILL_NODE_ID", node.id());
        return env;
    }

    /** The environment WildFly reads its datasource, broker and mail server from. */
    public Map<String, String> wildflyEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WAYBILL_DB_HOST", database.host());
        env.put("WAYBILL_DB_PORT", Integer.toString(database.port()));
        env.put("WAYBILL_DB_NAME", databaseName);
        env.put("WAYBILL_DB_USER", databaseUser.user());
        env.put("WAYBILL_DB_PASSWORD", databaseUser.password());
        env.put(DB_SSLMODE, databaseTls.sslMode());
        // configure-datasource.cli: unset, pgjdbc's own default.
        if (databaseTls.rootCertificate() != null) {
            env.put(DB_SSLROOTCERT, databaseTls.rootCertificate().toString());
        }
        if (databaseLockTimeout != null) {
            env.put(DB_LOCK_TIMEOUT, databaseLockTimeout);
        }
        env.put("WAYBILL_BROKER_HOST", broker.host());
        env.put("WAYBILL_BROKER_PORT", Integer.toString(broker.port()));
        env.put("WAYBILL_BROKER_USER", brokerUser.user());
        env.put("WAYBILL_BROKER_PASSWORD", brokerUser.password());
        // configure-messaging.cli: unset, WildFly trusts the JDK's authorities, as for a broker of your own.
        env.put(BROKER_TLS, Boolean.toString(brokerTls.enabled()));
        if (brokerTls.trustStore() != null) {
            env.put("WAYBILL_BROKER_TRUSTSTORE", brokerTls.trustStore().toString());
            env.put("WAYBILL_BROKER_TRUSTSTORE_PASSWORD", brokerTls.trustStorePassword());
        }
        // configure-messaging.cli: without these the backup's connector is the primary and HA is off.
        if (brokerPair()) {
            env.put(BROKER_PAIR, "true");
            env.put("WAYBILL_BROKER_BACKUP_HOST", brokerBackup.endpoint().host());
            env.put("WAYBILL_BROKER_BACKUP_PORT", Integer.toString(brokerBackup.endpoint().port()));
        }
        env.put("WAYBILL_SMTP_HOST", smtp.host());
        env.put("WAYBILL_SMTP_PORT", Integer.toString(smtp.port()));
        env.put("WAYBILL_CONSOLE_URL", consoleUrl);
        env.put("WAYBILL_TLS_KEYSTORE", tlsKeyStore.toString());
        env.put("WAYBILL_TLS_KEYSTORE_PASSWORD", tlsKeyStorePassword);
        env.put(MESSAGING_MODE, messagingMode);
        // configure-tracing.cli: a WildFly expression cannot ask whether a variable is set, so the exporter is named too.
        if (otlpEndpoint != null) {
            env.put(OTLP_ENDPOINT, otlpEndpoint);
        }
        env.put("WAYBILL_TRACES_EXPORTER", otlpEndpoint == null ? "none" : "otlp");
        return env;
    }
}

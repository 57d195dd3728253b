package org.waybill.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackSettingsTest {
    private static StackSettings settings(Map<String, String> env) {
        return StackSettings.from(Path.of("/tmp/w"), Path.of("/tmp/d"), env::get);
    }

    @Test
    void withNothingSetEverythingIsEmbeddedOnDevelopmentDefaults() {
        StackSettings s = settings(Map.of());
        assertTrue(s.embeddedDatabase());
        assertTrue(s.embeddedBroker());
        assertEquals("jdbc:postgresql://127.0.0.1:15432/waybill?sslmode=verify-full"
                + "&sslrootcert=%2Ftmp%2Fw%2Fpostgres%2Ftls%2Fserver.crt", s.jdbcUrl());
        assertEquals(61616, s.broker().port());
        assertEquals(8161, s.consolePort());
        assertEquals("http://127.0.0.1:9404/metrics", s.brokerMetricsUrl());
        assertEquals(8080, s.httpPort());
        assertEquals(9990, s.managementPort());
    }

    @Test
    void aHostMeansAnExternalServer() {
        StackSettings s = settings(Map.of("WAYBILL_DB_HOST", "db.internal", "WAYBILL_DB_PORT", "5432",
                "WAYBILL_BROKER_HOST", "mq.internal"));
        assertFalse(s.embeddedDatabase());
        assertFalse(s.embeddedBroker());
        assertEquals("jdbc:postgresql://db.internal:5432/waybill?sslmode=verify-full", s.jdbcUrl());
        assertEquals("mq.internal", s.wildflyEnvironment().get("WAYBILL_BROKER_HOST"));
    }

    @Test
    void wildflyExportsSpansOnlyWhenAnOtlpEndpointIsNamed() {
        Map<String, String> without = settings(Map.of()).wildflyEnvironment();
        assertEquals("none", without.get("WAYBILL_TRACES_EXPORTER"));
        assertFalse(without.containsKey("WAYBILL_OTLP_ENDPOINT"));

        Map<String, String> with = settings(Map.of("WAYBILL_OTLP_ENDPOINT", "http://collector:4318")).wildflyEnvironment();
        assertEquals("otlp", with.get("WAYBILL_TRACES_EXPORTER"));
        assertEquals("http://collector:4318", with.get("WAYBILL_OTLP_ENDPOINT"));
    }

    /** WildFly's datasource URL takes it as it is: the start command refuses what would break the URL or the bound. */
    @Test
    void aLockTimeoutIsADurationAboveZeroThatWildFlyIsGiven() {
        assertFalse(settings(Map.of()).wildflyEnvironment().containsKey("WAYBILL_DB_LOCK_TIMEOUT"));
        for (String timeout : List.of("10s", "500ms", "2min", "15000")) {
            assertEquals(timeout, settings(Map.of("WAYBILL_DB_LOCK_TIMEOUT", timeout)).wildflyEnvironment()
                    .get("WAYBILL_DB_LOCK_TIMEOUT"));
        }
        for (String timeout : List.of("0", "0s", "10 s", "-5s", "10s&sslmode=disable", "ten", "1.5s")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings(Map.of("WAYBILL_DB_LOCK_TIMEOUT", timeout)), timeout);
            assertEquals("WAYBILL_DB_LOCK_TIMEOUT must be a duration above zero such as 10s, 500ms or 2min, not '"
                    + timeout + "'", e.getMessage());
        }
    }

    @Test
    void theDatabaseIsReachedOverTlsCheckingItsCertificateAndHostUnlessToldOtherwise() {
        Map<String, String> embedded = settings(Map.of()).wildflyEnvironment();
        assertEquals("verify-full", embedded.get("WAYBILL_DB_SSLMODE"));
        assertEquals("/tmp/w/postgres/tls/server.crt", embedded.get("WAYBILL_DB_SSLROOTCERT"));

        StackSettings own = settings(Map.of("WAYBILL_DB_HOST", "db.internal", "WAYBILL_DB_SSLROOTCERT", "/etc/pki/db ca.pem"));
        assertEquals("jdbc:postgresql://db.internal:15432/waybill?sslmode=verify-full&sslrootcert=%2Fetc%2Fpki%2Fdb+ca.pem",
                own.jdbcUrl());
        assertEquals("/etc/pki/db ca.pem", own.wildflyEnvironment().get("WAYBILL_DB_SSLROOTCERT"));
        assertFalse(settings(Map.of("WAYBILL_DB_HOST", "db.internal")).wildflyEnvironment().containsKey("WAYBILL_DB_SSLROOTCERT"));

        assertEquals("jdbc:postgresql://127.0.0.1:15432/waybill?sslmode=disable",
                settings(Map.of("WAYBILL_DB_SSLMODE", "disable")).jdbcUrl());
    }

    @Test
    void aModeThatFallsBackToTheClearIsRefusedAndTheEmbeddedDatabaseTakesNoRootCertificate() {
        for (String mode : List.of("prefer", "allow", "VERIFY-FULL", "verify-full&sslmode=disable")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings(Map.of("WAYBILL_DB_SSLMODE", mode)), mode);
            assertTrue(e.getMessage().startsWith("WAYBILL_DB_SSLMODE must be one of"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("WAYBILL_DB_SSLROOTCERT", "/etc/pki/db.pem")));
        assertTrue(e.getMessage().startsWith("WAYBILL_DB_SSLROOTCERT is for a database of your own"), e.getMessage());
    }

    private static final String DEVELOPMENT_TRUST = "sslEnabled=true&verifyHost=true"
            + "&trustStorePath=%2Ftmp%2Fw%2Fartemis%2Ftls%2Fbroker-trust.p12&trustStorePassword=waybill-dev";

    @Test
    void everyClientReachesTheEmbeddedBrokerOverTlsTrustingItsDevelopmentCertificate() {
        StackSettings s = settings(Map.of());
        assertTrue(s.brokerTls().enabled());
        assertEquals(Path.of("/tmp/w/artemis/tls/broker-trust.p12"), s.brokerTls().trustStore());
        Map<String, String> wildfly = s.wildflyEnvironment();
        assertEquals("true", wildfly.get("WAYBILL_BROKER_TLS"));
        assertEquals("/tmp/w/artemis/tls/broker-trust.p12", wildfly.get("WAYBILL_BROKER_TRUSTSTORE"));
        assertEquals("waybill-dev", wildfly.get("WAYBILL_BROKER_TRUSTSTORE_PASSWORD"));
    }

    @Test
    void aBrokerOfOnesOwnIsTrustedByItsTrustStoreOrTheJdksAuthoritiesOrReachedInTheClearWhenTold() {
        StackSettings own = settings(Map.of("WAYBILL_BROKER_HOST", "mq.internal",
                "WAYBILL_BROKER_TRUSTSTORE", "/etc/waybill/mq trust.p12", "WAYBILL_BROKER_TRUSTSTORE_PASSWORD", "a&b"));
        assertEquals("tcp://mq.internal:61616?sslEnabled=true&verifyHost=true"
                + "&trustStorePath=%2Fetc%2Fwaybill%2Fmq+trust.p12&trustStorePassword=a%26b", own.brokerUrl());
        assertEquals("/etc/waybill/mq trust.p12", own.wildflyEnvironment().get("WAYBILL_BROKER_TRUSTSTORE"));

        StackSettings noPassword = settings(Map.of("WAYBILL_BROKER_HOST", "mq.internal",
                "WAYBILL_BROKER_TRUSTSTORE", "/etc/waybill/mq.p12"));
        assertEquals(cliDefault("WAYBILL_BROKER_TRUSTSTORE_PASSWORD"),
                noPassword.wildflyEnvironment().get("WAYBILL_BROKER_TRUSTSTORE_PASSWORD"),
                "without a password the launcher reads an own trust store as configure-messaging.cli does without it");

        StackSettings publicCa = settings(Map.of("WAYBILL_BROKER_HOST", "mq.internal"));
        assertEquals("tcp://mq.internal:61616?sslEnabled=true&verifyHost=true", publicCa.brokerUrl());
        assertFalse(publicCa.wildflyEnvironment().containsKey("WAYBILL_BROKER_TRUSTSTORE"));

        StackSettings clear = settings(Map.of("WAYBILL_BROKER_TLS", "false"));
        assertEquals("tcp://127.0.0.1:61616", clear.brokerUrl());
        assertEquals("false", clear.wildflyEnvironment().get("WAYBILL_BROKER_TLS"));
    }

    /** The default configure-messaging.cli gives an environment variable (${env.NAME:default}), the same at every use. */
    private static String cliDefault(String name) {
        Matcher m = Pattern.compile("\\$\\{env\\." + name + ":([^}]*)}").matcher(
                ServerConfigFiles.read("wildfly/configure-messaging.cli"));
        Set<String> defaults = new HashSet<>();
        while (m.find()) {
            defaults.add(m.group(1));
        }
        assertEquals(1, defaults.size(), "defaults of " + name + " in configure-messaging.cli: " + defaults);
        return defaults.iterator().next();
    }

    @Test
    void theEmbeddedBrokerTakesNoTrustStoreAndTheTlsSettingIsTrueOrFalse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("WAYBILL_BROKER_TRUSTSTORE", "/etc/waybill/mq.p12")));
        assertTrue(e.getMessage().startsWith("WAYBILL_BROKER_TRUSTSTORE is for a broker of your own"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("WAYBILL_BROKER_TLS", "off")));
    }

    @Test
    void withoutAPairThereIsOneBrokerAndWildFlyHasNoHa() {
        StackSettings s = settings(Map.of());
        assertFalse(s.brokerPair());
        assertEquals("tcp://127.0.0.1:61616?" + DEVELOPMENT_TRUST, s.brokerUrl());
        assertFalse(s.wildflyEnvironment().containsKey("WAYBILL_BROKER_PAIR"));
        assertFalse(s.wildflyEnvironment().containsKey("WAYBILL_BROKER_BACKUP_PORT"));
    }

    @Test
    void aPairPutsTheBackupOnePortAboveThePrimaryAndTellsWildFly() {
        StackSettings s = settings(Map.of("WAYBILL_BROKER_PAIR", "true", "WAYBILL_BROKER_PORT", "61716",
                "WAYBILL_BROKER_METRICS_PORT", "9504"));
        assertTrue(s.brokerPair());
        assertEquals(61717, s.brokerBackup().endpoint().port());
        assertEquals(8162, s.brokerBackup().consolePort());
        assertEquals(9505, s.brokerBackup().metricsPort());
        assertEquals("(tcp://127.0.0.1:61716,tcp://127.0.0.1:61717)?ha=true&reconnectAttempts=-1&" + DEVELOPMENT_TRUST,
                s.brokerUrl());
        Map<String, String> wildfly = s.wildflyEnvironment();
        assertEquals("true", wildfly.get("WAYBILL_BROKER_PAIR"));
        assertEquals("127.0.0.1", wildfly.get("WAYBILL_BROKER_BACKUP_HOST"));
        assertEquals("61717", wildfly.get("WAYBILL_BROKER_BACKUP_PORT"));
    }

    @Test
    void aPairOfExternalBrokersNamesTheBackupsHost() {
        StackSettings s = settings(Map.of("WAYBILL_BROKER_PAIR", "true", "WAYBILL_BROKER_HOST", "mq-a.internal",
                "WAYBILL_BROKER_BACKUP_HOST", "mq-b.internal", "WAYBILL_BROKER_BACKUP_PORT", "61616"));
        assertEquals("tcp://mq-b.internal:61616", s.brokerBackup().url());
        assertFalse(s.embeddedBroker());
    }

    @Test
    void thePairSettingIsTrueOrFalseAndTheBackupsPortsMustBeFree() {
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("WAYBILL_BROKER_PAIR", "yes")));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("WAYBILL_BROKER_PAIR", "true",
                "WAYBILL_BROKER_BACKUP_METRICS_PORT", "9404")));
    }

    @Test
    void blankValuesCountAsUnset() {
        assertTrue(settings(Map.of("WAYBILL_DB_HOST", "  ")).embeddedDatabase());
    }

    @Test
    void wildflyGetsTheCredentialsAndThePortOffsetMovesItsPorts() {
        StackSettings s = settings(Map.of("WAYBILL_DB_PASSWORD", "s3cret", "WAYBILL_PORT_OFFSET", "100"));
        assertEquals("s3cret", s.wildflyEnvironment().get("WAYBILL_DB_PASSWORD"));
        assertEquals(8180, s.httpPort());
        assertEquals(10090, s.managementPort());
    }

    @Test
    void httpsUsesTheDevelopmentCertificateInWildFlysConfigurationUnlessOneIsNamed() {
        StackSettings dev = settings(Map.of("WAYBILL_PORT_OFFSET", "100"));
        assertEquals(8543, dev.httpsPort());
        assertTrue(dev.developmentCertificate());
        assertEquals(Path.of("/tmp/w/wildfly/standalone/configuration/waybill-dev-tls.p12"), dev.tlsKeyStore());

        StackSettings own = settings(Map.of("WAYBILL_TLS_KEYSTORE", "/etc/waybill/tls.p12",
                "WAYBILL_TLS_KEYSTORE_PASSWORD", "s3cret"));
        assertFalse(own.developmentCertificate());
        assertEquals("/etc/waybill/tls.p12", own.wildflyEnvironment().get("WAYBILL_TLS_KEYSTORE"));
        assertEquals("s3cret", own.wildflyEnvironment().get("WAYBILL_TLS_KEYSTORE_PASSWORD"));
    }

    @Test
    void aPortThatIsNotANumberIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("WAYBILL_BROKER_PORT", "sixty")));
        assertEquals("WAYBILL_BROKER_PORT must be a port number, not 'sixty'", e.getMessage());
    }

    @Test
    void credentialsNeverPrintTheirPassword() {
        assertEquals("waybill/****", settings(Map.of()).databaseUser().toString());
    }

    @Test
    void developmentUsersCoverEveryRoleAndOthersCanBeNamed() {
        StackSettings defaults = settings(Map.of());
        assertEquals("alice", defaults.userInRole("customer").name());
        assertEquals("olivia", defaults.userInRole("operator").name());
        assertEquals("admin", defaults.userInRole("admin").name());

        StackSettings own = settings(Map.of("WAYBILL_USERS", "carol:s3cret:customer, ops:pw:operator+admin"));
        assertEquals(2, own.users().size());
        assertEquals(java.util.List.of("operator", "admin"), own.userInRole("admin").roles());
    }

    @Test
    void usersAreStoredAsTheRealmsDigestNeverInClearText() {
        AppUser alice = AppUser.parse("alice:alice:customer").get(0);
        // MD5("alice:ApplicationRealm:alice"), as WildFly's add-user.sh writes it (computed with md5sum)
        assertEquals("alice=59670dbd6caaaaf1311866e4ee49e21c", alice.usersLine());
        assertFalse(alice.usersLine().contains(":alice"));
        assertEquals("alice=customer", alice.rolesLine());
        assertEquals("alice/****[customer]", alice.toString());
    }

    @Test
    void aMalformedUserOrAnUnknownRoleIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("WAYBILL_USERS", "alice:alice")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("WAYBILL_USERS", "alice:alice:superuser")));
        assertTrue(e.getMessage().contains("roles of alice"), e.getMessage());
    }

    @Test
    void onlyTheXaModesNeedPreparedTransactionsAndWildFlyGetsTheStacksMode() {
        StackSettings s = settings(Map.of());
        assertEquals("at-least-once", s.messagingMode());
        assertEquals("at-least-once", s.wildflyEnvironment().get("WAYBILL_MESSAGING_MODE"));
        assertFalse(StackSettings.needsPreparedTransactions(s.messagingMode()));
        assertTrue(StackSettings.needsPreparedTransactions("xa"));
        assertTrue(StackSettings.needsPreparedTransactions("direct-xa"));
        assertEquals("xa", settings(Map.of("WAYBILL_MESSAGING_MODE", "xa")).wildflyEnvironment().get("WAYBILL_MESSAGING_MODE"));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("WAYBILL_MESSAGING_MODE", "XA")));
    }

    @Test
    void oneNodeByDefaultWithTodaysPortsFolderAndIdentifier() {
        StackSettings s = settings(Map.of());
        assertEquals(List.of(new StackSettings.Node(1, 0)), s.nodes());
        StackSettings.Node node = s.nodes().get(0);
        assertEquals("standalone", node.baseFolder());
        assertEquals(List.of(8009, 8080, 8443, 3528, 3529, 9990, 9993, 4712, 4713), node.ports());
        assertEquals("waybill-1", s.wildflyEnvironment(node).get("WAYBILL_NODE_ID"));
        assertEquals("", LocalStack.nodeTable(s), "one node prints as it always did");
    }

    @Test
    void severalNodesMoveAThousandPortsEachForTheLoadBalancerInFront() {
        StackSettings s = settings(Map.of("WAYBILL_NODES", "3", "WAYBILL_PORT_OFFSET", "5"));
        assertTrue(s.balanced());
        assertEquals(List.of(8085, 8448, 9995, 9998), s.balancerPorts());
        assertEquals(8085, s.httpPort(), "the application's address is the load balancer's");
        assertEquals(List.of(1005, 2005, 3005), s.nodes().stream().map(StackSettings.Node::portOffset).toList());
        StackSettings.Node third = s.nodes().get(2);
        assertEquals(3, third.number());
        assertEquals(11085, third.httpPort());
        assertEquals(11448, third.httpsPort());
        assertEquals(12995, third.managementPort());
        assertEquals("node-3", third.baseFolder());
        assertEquals("waybill-3", s.wildflyEnvironment(third).get("WAYBILL_NODE_ID"));
        assertTrue(LocalStack.nodeTable(s).contains("waybill-3      https://127.0.0.1:11448/waybill/"),
                LocalStack.nodeTable(s));
    }

    @Test
    void theBalancerListsEveryNodeOnBothSchemesWithItsIdentifierAsTheSessionRoute() {
        String lines = LocalLoadBalancer.nodeLines(settings(Map.of("WAYBILL_NODES", "2")).nodes());
        assertTrue(lines.contains("remote-destination-outbound-socket-binding=waybill-2-https:add(host=127.0.0.1, port=10443)"),
                lines);
        assertTrue(lines.contains("reverse-proxy=waybill-https/host=waybill-2:add(outbound-socket-binding=waybill-2-https, "
                + "scheme=https, instance-id=waybill-2, path=/, ssl-context=waybillNodes)"), lines);
        assertTrue(lines.contains("reverse-proxy=waybill-http/host=waybill-1:add(outbound-socket-binding=waybill-1-http, "
                + "scheme=http, instance-id=waybill-1, path=/)"), lines);
        assertEquals(8, lines.lines().count(), lines);
    }

    @Test
    void aSingleNodeHasNoBalancerAndANodeItDoesNotStartIsAThousandAbove() {
        StackSettings s = settings(Map.of("WAYBILL_PORT_OFFSET", "100"));
        assertFalse(s.balanced());
        assertEquals(List.of(), s.balancerPorts());
        assertEquals(1100, s.node(2).portOffset(), "the tests' second node");
    }

    /**
     * The tests' stack (failsafe's settings, plus the second node TwoNodesIT starts) runs beside a started system: no
     * port of one may be a port of the other, with any number of nodes.
     */
    @Test
    void startedNodesShareNoPortWithTheTestsStackAndItsSecondNode() {
        StackSettings dev = settings(Map.of("WAYBILL_NODES", Integer.toString(StackSettings.MAX_NODES)));
        StackSettings it = settings(Map.of("WAYBILL_DB_PORT", "25432", "WAYBILL_BROKER_PORT", "61716",
                "WAYBILL_CONSOLE_PORT", "8261", "WAYBILL_BROKER_METRICS_PORT", "9504", "WAYBILL_SMTP_PORT", "3125",
                "WAYBILL_IMAP_PORT", "3243", "WAYBILL_PORT_OFFSET", "100"));
        Set<Integer> devPorts = new HashSet<>(dev.servicePorts());
        devPorts.addAll(dev.balancerPorts());
        dev.nodes().forEach(n -> devPorts.addAll(n.ports()));
        assertEquals(dev.servicePorts().size() + 4 + StackSettings.MAX_NODES * 9, devPorts.size(), "no port twice");
        List<Integer> itPorts = new java.util.ArrayList<>(it.servicePorts());
        itPorts.addAll(it.node(1).ports());
        itPorts.addAll(it.node(2).ports());
        // A single started node too (node 1 at offset 0 is not among the nodes of a balanced stack).
        devPorts.addAll(settings(Map.of()).node(1).ports());
        assertEquals(List.of(), itPorts.stream().filter(devPorts::contains).toList());
    }

    @Test
    void aNodeCountOrOffsetThatMakesServersSharePortsIsAClearError() {
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("WAYBILL_PORT_OFFSET", "81")));
        assertEquals("port 8161 is wanted by both another server of the stack and WildFly node 1 "
                + "(WAYBILL_PORT_OFFSET 81, WAYBILL_NODES 1)", clash.getMessage());
        IllegalArgumentException tooHigh = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("WAYBILL_PORT_OFFSET", "50000", "WAYBILL_NODES", "9")));
        assertTrue(tooHigh.getMessage().contains("outside 1-65535"), tooHigh.getMessage());
        for (String bad : List.of("0", "10", "two")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings(Map.of("WAYBILL_NODES", bad)));
            assertEquals("WAYBILL_NODES must be a number from 1 to 9, not '" + bad + "'", e.getMessage());
        }
    }
}

package org.waybill.brokermetrics;

import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broker configured by server-config/artemis/broker.xml (in memory, in-VM only, security off) serves its queue,
 * address and JVM meters through the plugin; the Grafana dashboard and the alert rules name only broker series it
 * exports. The plugin's port comes from the system property broker.xml reads, 0 here.
 */
class BrokerXmlMetricsTest {
    private static final Pattern BROKER_SERIES = Pattern.compile("\\bartemis_[a-z0-9_]+");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path instance;
    private static ActiveMQServer broker;
    private static PrometheusMetricsPlugin plugin;

    @BeforeAll
    static void startBroker() throws Exception {
        System.setProperty("waybill.broker.metrics.port", "0");
        FileConfiguration configuration = new FileConfiguration();
        URL brokerXml = BrokerXmlMetricsTest.class.getResource("/server-config/artemis/broker.xml");
        assertNotNull(brokerXml, "server-config/artemis/broker.xml is not on the test classpath");
        new FileDeploymentManager(brokerXml.toString()).addDeployable(configuration).readConfiguration();
        System.clearProperty("waybill.broker.metrics.port");
        configuration.setBrokerInstance(instance.toFile());
        configuration.setPersistenceEnabled(false);
        configuration.setSecurityEnabled(false);
        configuration.getAcceptorConfigurations().clear();
        configuration.addAcceptorConfiguration("in-vm", "vm://0");
        plugin = assertInstanceOf(PrometheusMetricsPlugin.class, configuration.getMetricsConfiguration().getPlugin(),
                "broker.xml does not enable Waybill's metrics plugin");
        broker = ActiveMQServers.newActiveMQServer(configuration, false);
        broker.start();
    }

    /** The endpoint goes with the broker: a stopped broker leaves no port open (nor a thread that keeps its JVM). */
    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            URI uri = URI.create("http://127.0.0.1:" + plugin.address().getPort() + "/metrics");
            broker.stop();
            assertNull(plugin.address());
            assertThrows(ConnectException.class,
                    () -> HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void servesQueueDepthsAddedMessagesAndTheJvm() throws Exception {
        send("waybill.events", "order.created", 2);

        String scrape = scrape();

        assertTrue(scrape.contains("artemis_message_count{address=\"waybill.events\",broker=\"waybill\","
                + "queue=\"waybill.events.inventory\"} 2.0\n"), scrape);
        assertTrue(scrape.contains("artemis_messages_added{address=\"waybill.events\",broker=\"waybill\","
                + "queue=\"waybill.events.payment\"} 2.0\n"), scrape);
        assertTrue(scrape.contains("artemis_message_count{address=\"waybill.events\",broker=\"waybill\","
                + "queue=\"waybill.events.notification\"} 0.0\n"), scrape);
        assertTrue(scrape.contains("artemis_message_count{address=\"DLQ\",broker=\"waybill\","
                + "queue=\"DLQ.waybill.events.inventory\"} 0.0\n"), scrape);
        assertTrue(scrape.contains("\njvm_memory_used_bytes{"), scrape);
    }

    @Test
    void theDashboardAndTheRulesNameOnlyBrokerSeriesItExports() throws Exception {
        Set<String> exported = new TreeSet<>();
        Matcher exportedSeries = BROKER_SERIES.matcher(scrape());
        while (exportedSeries.find()) {
            exported.add(exportedSeries.group());
        }
        Set<String> named = new TreeSet<>();
        for (String file : List.of("grafana/waybill-dashboard.json", "prometheus/waybill-rules.yml")) {
            Matcher series = BROKER_SERIES.matcher(read(file));
            while (series.find()) {
                assertTrue(exported.contains(series.group()), file + " names " + series.group()
                        + ", which the broker does not export; it exports " + exported);
                named.add(series.group());
            }
        }
        for (String shown : List.of("artemis_message_count", "artemis_messages_added", "artemis_messages_acknowledged",
                "artemis_consumer_count")) {
            assertTrue(named.contains(shown), "the dashboard has no panel on " + shown);
        }
    }

    private static void send(String address, String eventType, int count) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator("vm://0");
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession();
             ClientProducer producer = session.createProducer(address)) {
            for (int i = 0; i < count; i++) {
                ClientMessage message = session.createMessage(true);
                message.putStringProperty("eventType", eventType);
                producer.send(message);
            }
        }
    }

    private static String scrape() throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + plugin.address().getPort() + "/metrics");
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String read(String file) throws IOException {
        try (InputStream in = BrokerXmlMetricsTest.class.getResourceAsStream("/server-config/" + file)) {
            assertNotNull(in, "server-config/" + file + " is not on the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package org.waybill.messaging;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.waybill.contracts.Contracts;
import org.waybill.events.EventSchemas;
import org.waybill.events.EventType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AsyncAPI document (schemas/asyncapi.yaml) is written by hand for its readers; this test keeps it true. It fails
 * when the document and broker.xml disagree on an address, a queue, a filter, a routing type or an acceptor; when an
 * event schema has no message or a message no schema; and when a consumer's subscription and its receive operation
 * disagree on a (type, version). It reads the schema files and the message-driven beans as they are, so a new version
 * or consumer is checked without changing this test.
 */
class AsyncApiAgreesWithBrokerAndCodeTest {
    /** Broker plumbing that is no part of the messaging contract: the dashboard's management answers, expired messages. */
    private static final Set<String> NOT_PUBLISHED = Set.of("waybill.management.replies", "ExpiryQueue");
    private static final Pattern ACCEPTOR = Pattern.compile(
            "tcp://\\$\\{[^:}]+:([^}]+)}:\\$\\{[^:}]+:([0-9]+)}\\?(.*)");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");
    private static final Pattern SCHEMA_FILE = Pattern.compile("v([1-9][0-9]*)\\.schema\\.json");

    private static AsyncApiDocument document;
    private static BrokerXml broker;
    private static Map<String, Subscription<?>> consumers;

    @BeforeAll
    static void read() throws Exception {
        document = AsyncApiDocument.read();
        broker = BrokerXml.read();
        consumers = MessageDrivenBeans.subscriptions();
    }

    @Test
    void theChannelsAreExactlyTheAddressesAndQueuesOfBrokerXml() {
        Map<String, String> declared = new TreeMap<>();
        broker.addresses().forEach((address, routing) -> {
            if (!NOT_PUBLISHED.contains(address)) {
                declared.put(address, routing + ", no filter");
            }
        });
        for (BrokerXml.Queue queue : broker.queues()) {
            if (!NOT_PUBLISHED.contains(queue.address())) {
                // An anycast queue named as its address is that address to its clients (waybill.email).
                String name = queue.routing().equals("anycast") && queue.name().equals(queue.address())
                        ? queue.address() : queue.address() + "::" + queue.name();
                declared.put(name, queue.routing() + ", " + (queue.filter() == null ? "no filter" : "filter " + queue.filter()));
            }
        }
        Map<String, String> documented = new TreeMap<>();
        document.channels.values().forEach(channel -> documented.put(channel.address(),
                channel.routing() + ", " + (channel.filter() == null ? "no filter" : "filter " + channel.filter())));
        assertEquals(declared, documented, "broker.xml (left) and the AsyncAPI channels (right): address or "
                + "address::queue, routing type (x-artemis-routing), filter (x-filter)");
    }

    @Test
    void everyEventSchemaIsAMessageAndEveryMessageHasItsSchema() throws IOException {
        Set<String> schemas = new TreeSet<>();
        Path events = Contracts.classpathFolder(EventSchemas.ROOT + "events");
        try (Stream<Path> files = Files.walk(events)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher version = SCHEMA_FILE.matcher(file.getFileName().toString());
                assertTrue(version.matches(), "not a schema file name: " + file);
                schemas.add(file.getParent().getFileName() + ".v" + version.group(1));
            }
        }
        assertEquals(schemas, document.messages.keySet(), "schema files (left) and the AsyncAPI messages (right); "
                + "add a message <type>.v<N> for each new schema version, see README, Event contracts");
        for (AsyncApiDocument.Message message : document.messages.values()) {
            EventType type = message.type();
            assertEquals(type.name(), message.name(), message.key() + ": name");
            assertEquals(EventSchemas.pathOf(type).substring(EventSchemas.ROOT.length()), message.payload(), message.key() + ": payload");
            assertEquals(EventSchemas.ENVELOPE.substring(EventSchemas.ROOT.length()), message.envelope(), message.key() + ": headers");
            assertEquals(type.name(), message.eventTypeHeader(), message.key() + ": the eventType header");
            assertEquals(type.version(), message.eventVersionHeader(), message.key() + ": the eventVersion header");
        }
    }

    @Test
    void eachConsumerReceivesExactlyWhatItsSubscriptionHandles() {
        Map<String, Set<String>> handled = new TreeMap<>();
        consumers.forEach((destination, subscription) -> handled.put(subscription.consumer() + ".receive on " + destination,
                document.types().values().stream().filter(subscription::reads).map(EventType::toString)
                        .collect(Collectors.toCollection(TreeSet::new))));
        Map<String, Set<String>> documented = new TreeMap<>();
        for (AsyncApiDocument.Operation operation : document.operations.values()) {
            AsyncApiDocument.Channel channel = document.channels.get(operation.channel());
            if (operation.action().equals("receive") && Destinations.CONSUMED_QUEUES.containsValue(channel.address())) {
                documented.put(operation.key() + " on " + channel.address(), types(operation.messages()));
                assertEquals(channel.messages(), operation.messages(), operation.key() + ": its channel carries what it receives");
            }
        }
        assertEquals(handled, documented, "the message-driven beans' subscriptions (left) and the AsyncAPI receive "
                + "operations on the consumed queues (right)");
    }

    @Test
    void eachDeadLetterQueueCarriesWhatItsQueueCarriesAndOperatorsReceiveIt() {
        for (String queue : Destinations.CONSUMED_QUEUES.keySet()) {
            AsyncApiDocument.Channel origin = document.channelAt(Destinations.CONSUMED_QUEUES.get(queue));
            AsyncApiDocument.Channel deadLetters = document.channelAt(PoisonMessages.DLQ_ADDRESS + "::DLQ." + queue);
            assertTrue(origin != null && deadLetters != null, queue + " and its dead-letter queue are channels");
            assertEquals(origin.messages(), deadLetters.messages(), deadLetters.address());
            assertEquals(1, document.operations.values().stream().filter(o -> o.action().equals("receive")
                    && o.party().equals("deadletters") && o.channel().equals(deadLetters.key())).count(),
                    "the dead-letter tools' receive operation on " + deadLetters.address());
        }
    }

    /**
     * Every event is published to the event address by exactly one producer, the e-mail work items to their queue, and
     * every event record's current version among them; a replay may carry any of them.
     */
    @Test
    void everyMessageHasOneProducerAndTheReplayCarriesThemAll() {
        Map<String, String> producers = new TreeMap<>();
        for (AsyncApiDocument.Operation operation : document.operations.values()) {
            String address = document.channels.get(operation.channel()).address();
            if (operation.action().equals("send") && (address.equals(Destinations.EVENTS) || address.equals(Destinations.EMAIL))) {
                for (String message : operation.messages()) {
                    String before = producers.put(message, operation.party());
                    assertTrue(before == null, message + " is sent by " + before + " and " + operation.party());
                }
            }
        }
        assertEquals(document.messages.keySet(), producers.keySet(), "messages (left) and those a send operation "
                + "on " + Destinations.EVENTS + " or " + Destinations.EMAIL + " names (right)");
        Set<String> onAddresses = new TreeSet<>(document.channelAt(Destinations.EVENTS).messages());
        onAddresses.addAll(document.channelAt(Destinations.EMAIL).messages());
        assertEquals(document.messages.keySet(), onAddresses, "each message is on the event address or the e-mail queue");
        assertEquals(document.messages.keySet(), document.channelAt(Destinations.REPLAY).messages(), "a replay re-publishes any event");
        Set<EventType> current = Contracts.records().keySet();
        assertTrue(document.types().values().containsAll(current), "every record's TYPE is a message: " + current);
    }

    /**
     * Each event's current version is written by the area the document names as its producer: the package of the
     * message-driven bean whose consumer is the operation's party (the e-mail worker's is notification) is the one
     * whose code, outside its message-driven beans, names the record's TYPE (only outbox appends do), and no other
     * workflow area names it.
     */
    @Test
    void eachEventIsWrittenByTheAreaTheDocumentNames() throws Exception {
        Map<String, String> areaOf = new TreeMap<>();
        for (Subscription<?> subscription : consumers.values()) {
            areaOf.put(subscription.consumer(), MessageDrivenBeans.packageOf(subscription));
        }
        Map<String, Class<?>> records = new TreeMap<>();
        Contracts.records().forEach((type, record) -> records.put(type.toString(), record));
        Map<String, Set<String>> documented = new TreeMap<>();
        for (AsyncApiDocument.Operation operation : document.operations.values()) {
            String address = document.channels.get(operation.channel()).address();
            if (operation.action().equals("send") && !address.equals(Destinations.REPLAY)
                    && !address.startsWith(PoisonMessages.DLQ_ADDRESS)) {
                for (String message : operation.messages()) {
                    String type = document.messages.get(message).type().toString();
                    if (records.containsKey(type)) {
                        documented.computeIfAbsent(type, t -> new TreeSet<>()).add(areaOf.get(operation.party()));
                    }
                }
            }
        }
        Map<String, Set<String>> written = new TreeMap<>();
        Path sources = Path.of("src", "main", "java", "org", "waybill");
        for (String area : new TreeSet<>(areaOf.values())) {
            try (Stream<Path> files = Files.list(sources.resolve(area))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(file);
                    if (!code.contains("@MessageDriven")) {
                        records.forEach((type, record) -> {
                            if (Pattern.compile("\\b" + record.getSimpleName() + "\\.TYPE\\b").matcher(code).find()) {
                                written.computeIfAbsent(type, t -> new TreeSet<>()).add(area);
                            }
                        });
                    }
                }
            }
        }
        assertEquals(written, documented, "the areas whose code writes each event (left) and the producers the "
                + "AsyncAPI send operations name (right)");
    }

    @Test
    void theServersAreTheBrokersAcceptors() {
        Set<String> declared = new TreeSet<>();
        broker.acceptors().forEach((name, url) -> {
            Matcher parts = ACCEPTOR.matcher(url);
            assertTrue(parts.matches(), "acceptor " + name + " is not tcp://${host:default}:${port:default}?...: " + url);
            Map<String, String> options = Arrays.stream(parts.group(3).split(";")).map(o -> o.split("=", 2))
                    .collect(Collectors.toMap(o -> o[0], o -> o[1]));
            boolean tls = Boolean.parseBoolean(byDefault(options.getOrDefault("sslEnabled", "false")));
            for (String protocol : options.get("protocols").split(",")) {
                declared.add(name + ": " + switch (protocol) {
                    case "CORE" -> "jms";
                    case "AMQP" -> tls ? "amqps" : "amqp";
                    default -> throw new AssertionError("acceptor " + name + ": no AsyncAPI protocol for " + protocol);
                } + " " + parts.group(1) + ":" + parts.group(2) + (tls ? " TLS" : ""));
            }
        });
        Set<String> documented = document.servers.values().stream().map(s -> s.acceptor() + ": " + s.protocol() + " "
                + s.host() + ":" + s.port() + (s.tls() ? " TLS" : "")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, documented, "broker.xml's acceptors (left) and the AsyncAPI servers (right)");
    }

    /** An acceptor option as the broker reads it when nothing overrides it: ${property:default} is its default. */
    private static String byDefault(String value) {
        Matcher property = PROPERTY.matcher(value);
        return property.matches() ? property.group(1) : value;
    }

    private static Set<String> types(Set<String> messages) {
        return messages.stream().map(document.messages::get).map(m -> m.type().toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}

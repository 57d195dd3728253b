package org.waybill.messaging;

import org.waybill.events.EventSchemas;
import org.waybill.events.EventType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AsyncAPI document (schemas/asyncapi.yaml on the classpath) as the tests read it: servers, channels, operations
 * and messages, with the document's local $refs resolved. It reads only what the checks need and refuses a shape it
 * does not expect, so a check can never pass by reading nothing.
 */
final class AsyncApiDocument {
    static final String PATH = EventSchemas.ROOT + "asyncapi.yaml";
    private static final Pattern MESSAGE_KEY = Pattern.compile("(.+)\\.v([1-9][0-9]*)");
    private static final String MESSAGES = "#/components/messages/";

    /** A server: its protocol, the default host and port of its variables, the acceptor it is, and whether TLS. */
    record Server(String key, String protocol, String host, String port, String acceptor, boolean tls) {
    }

    /**
     * A channel: the address a client names ({@code address} or {@code address::queue}), the routing type, the queue's
     * filter (or null), and the keys of the messages on it.
     */
    record Channel(String key, String address, String routing, String filter, Set<String> messages) {
        /** The broker address, without the queue. */
        String brokerAddress() {
            int separator = address.indexOf("::");
            return separator < 0 ? address : address.substring(0, separator);
        }

        /** The queue the channel reads, or null for a channel that is an address only. */
        String queue() {
            int separator = address.indexOf("::");
            return separator < 0 ? null : address.substring(separator + 2);
        }
    }

    /** An operation: send or receive, by whom (the key's part before the first dot), on a channel, which messages. */
    record Operation(String key, String action, String channel, Set<String> messages) {
        String party() {
            return key.substring(0, key.indexOf('.'));
        }
    }

    /** A message, one per event type and version: its key is {@code <type>.v<version>}. */
    record Message(String key, EventType type, String name, String payload, Object eventTypeHeader,
                   Object eventVersionHeader, String envelope) {
    }

    final Map<String, Server> servers = new TreeMap<>();
    final Map<String, Channel> channels = new TreeMap<>();
    final Map<String, Operation> operations = new TreeMap<>();
    final Map<String, Message> messages = new TreeMap<>();

    private AsyncApiDocument() {
    }

    static AsyncApiDocument read() {
        try (InputStream in = AsyncApiDocument.class.getClassLoader().getResourceAsStream(PATH)) {
            if (in == null) {
                throw new IllegalStateException("no " + PATH + " on the classpath");
            }
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AsyncApiDocument parse(Map<String, Object> yaml) {
        AsyncApiDocument document = new AsyncApiDocument();
        if (!"3.0.0".equals(yaml.get("asyncapi"))) {
            throw new IllegalStateException("not an AsyncAPI 3.0.0 document: " + yaml.get("asyncapi"));
        }
        map(yaml, "components", "messages").forEach((key, value) -> document.messages.put(key, message(key, map(value))));
        map(yaml, "servers").forEach((key, value) -> document.servers.put(key, server(key, map(value))));
        map(yaml, "channels").forEach((key, value) -> document.channels.put(key, document.channel(key, map(value))));
        map(yaml, "operations").forEach((key, value) -> document.operations.put(key, document.operation(key, map(value))));
        return document;
    }

    /** The event type of each message. */
    Map<String, EventType> types() {
        Map<String, EventType> types = new TreeMap<>();
        messages.forEach((key, message) -> types.put(key, message.type()));
        return types;
    }

    /** The channel whose address is the given one (a client's name for it), or null. */
    Channel channelAt(String address) {
        return channels.values().stream().filter(c -> c.address().equals(address)).findFirst().orElse(null);
    }

    private static Message message(String key, Map<String, Object> message) {
        Matcher parts = MESSAGE_KEY.matcher(key);
        if (!parts.matches()) {
            throw new IllegalStateException("message " + key + " is not named <event type>.v<version>");
        }
        Map<String, Object> headers = map(message, "headers");
        List<?> allOf = (List<?>) headers.get("allOf");
        if (allOf == null || allOf.size() != 2) {
            throw new IllegalStateException("message " + key + ": headers must be allOf [the envelope, its eventType and eventVersion]");
        }
        Map<String, Object> own = map(map(allOf.get(1)), "properties");
        return new Message(key, new EventType(parts.group(1), Integer.parseInt(parts.group(2))),
                (String) message.get("name"), (String) map(message, "payload").get("$ref"),
                map(own, "eventType").get("const"), map(own, "eventVersion").get("const"),
                (String) map(allOf.get(0)).get("$ref"));
    }

    private static Server server(String key, Map<String, Object> server) {
        Map<String, Object> variables = map(server, "variables");
        String host = ((String) server.get("host")).replace("{host}", String.valueOf(map(variables, "host").get("default")))
                .replace("{port}", "");
        return new Server(key, (String) server.get("protocol"), host.substring(0, host.length() - 1),
                String.valueOf(map(variables, "port").get("default")), (String) server.get("x-artemis-acceptor"),
                Boolean.TRUE.equals(server.get("x-tls")));
    }

    private Channel channel(String key, Map<String, Object> channel) {
        Set<String> carried = new LinkedHashSet<>();
        Object declared = channel.get("messages");
        if (declared != null) {
            map(declared).forEach((id, ref) -> {
                String target = (String) map(ref).get("$ref");
                if (!target.equals(MESSAGES + id) || !messages.containsKey(id)) {
                    throw new IllegalStateException("channel " + key + ": message " + id + " must be " + MESSAGES + id
                            + ", a message of the document");
                }
                carried.add(id);
            });
        }
        return new Channel(key, (String) channel.get("address"), (String) channel.get("x-artemis-routing"),
                (String) channel.get("x-filter"), carried);
    }

    private Operation operation(String key, Map<String, Object> operation) {
        String channelRef = (String) map(operation, "channel").get("$ref");
        String channel = channelRef.substring("#/channels/".length());
        if (!channels.containsKey(channel)) {
            throw new IllegalStateException("operation " + key + " names no channel: " + channelRef);
        }
        Set<String> chosen = new LinkedHashSet<>();
        Object declared = operation.get("messages");
        if (declared == null) {
            chosen.addAll(channels.get(channel).messages());
        } else {
            for (Object ref : (List<?>) declared) {
                String target = (String) map(ref).get("$ref");
                String prefix = "#/channels/" + channel + "/messages/";
                if (!target.startsWith(prefix) || !channels.get(channel).messages().contains(target.substring(prefix.length()))) {
                    throw new IllegalStateException("operation " + key + ": " + target + " is not a message of its channel");
                }
                chosen.add(target.substring(prefix.length()));
            }
        }
        return new Operation(key, (String) operation.get("action"), channel, chosen);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String... path) {
        Object current = value;
        for (String key : path) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        if (!(current instanceof Map<?, ?>)) {
            throw new IllegalStateException("expected a map at " + String.join(".", path) + ", found " + current);
        }
        return (Map<String, Object>) current;
    }
}

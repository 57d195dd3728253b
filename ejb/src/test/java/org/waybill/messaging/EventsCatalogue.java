package org.waybill.messaging;

import org.waybill.contracts.Contracts;
import org.waybill.events.EventSchemas;
import org.waybill.events.EventType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The README's events catalogue, generated: one row per event type and version that has a schema (the AsyncAPI
 * document has one message for each, AsyncApiAgreesWithBrokerAndCodeTest holds it so), with its meaning and fields
 * (the schema's description and properties), its producer (the document's send operation) and its consumers (the
 * message-driven beans' subscriptions, from the code).
 */
final class EventsCatalogue {
    static final String BEGIN = "<!-- events catalogue: generated from the schemas by EventsCatalogue; do not edit by hand -->";
    static final String END = "<!-- end of events catalogue -->";

    private EventsCatalogue() {
    }

    static String markdown() throws Exception {
        AsyncApiDocument document = AsyncApiDocument.read();
        Map<String, Subscription<?>> consumers = MessageDrivenBeans.subscriptions();
        StringBuilder table = new StringBuilder("""
                | Event | Version | Means | Written by | Taken by | Fields (`?` optional) |
                |---|---|---|---|---|---|
                """);
        for (AsyncApiDocument.Message message : document.messages.values()) {
            EventType type = message.type();
            Set<String> takers = consumers.values().stream().filter(s -> s.reads(type))
                    .map(Subscription::consumer).collect(Collectors.toCollection(TreeSet::new));
            String producer = document.operations.values().stream()
                    .filter(o -> o.action().equals("send") && o.messages().contains(message.key())
                            && !document.channels.get(o.channel()).address().equals(Destinations.REPLAY))
                    .map(o -> o.party() + " to `" + document.channels.get(o.channel()).address() + "`")
                    .collect(Collectors.joining(", "));
            Map<String, Object> schema = schema(type);
            table.append("| `").append(type.name()).append("` | ").append(type.version()).append(" | ")
                    .append(String.valueOf(schema.getOrDefault("description", "")).replace("|", "\\|")).append(" | ")
                    .append(producer).append(" | ")
                    .append(takers.isEmpty() ? "outside subscribers only" : String.join(", ", takers)).append(" | ")
                    .append(fields(schema)).append(" |\n");
        }
        return BEGIN + "\n" + table + END;
    }

    /** The schema's properties in the order it declares them; an array of objects lists its items' fields. */
    @SuppressWarnings("unchecked")
    private static String fields(Map<String, Object> schema) {
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        List<?> required = (List<?>) schema.getOrDefault("required", List.of());
        List<String> fields = new ArrayList<>();
        properties.forEach((name, value) -> {
            Map<String, Object> property = (Map<String, Object>) value;
            if (Boolean.TRUE.equals(property.get("deprecated"))) {
                return;
            }
            String field = "`" + name + (required.contains(name) ? "" : "?") + "`";
            if (property.get("items") instanceof Map<?, ?> items && items.containsKey("properties")) {
                field += " [" + fields((Map<String, Object>) items) + "]";
            }
            fields.add(field);
        });
        return String.join(", ", fields);
    }

    private static Map<String, Object> schema(EventType type) throws IOException {
        try (Reader in = Files.newBufferedReader(Contracts.classpathFolder(EventSchemas.pathOf(type)))) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }
}

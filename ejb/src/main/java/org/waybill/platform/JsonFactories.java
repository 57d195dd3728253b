package org.waybill.platform;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonReaderFactory;
import jakarta.json.stream.JsonParserFactory;

import java.util.Map;

/**
 * JSON-P's factories, each made once. Every static call of {@link Json} ({@code createParser}, {@code createReader},
 * {@code createObjectBuilder}, ...) looks its provider up anew through a {@link java.util.ServiceLoader} over the
 * caller's class loader, which in WildFly reads the deployment's jars: on every request body and every broker
 * sample it cost more than the parsing. A factory keeps the provider it found.
 */
public final class JsonFactories {
    public static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    public static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    public static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private JsonFactories() {
    }
}

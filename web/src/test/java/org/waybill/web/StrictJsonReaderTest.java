package org.waybill.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;
import org.waybill.ordering.PlaceOrder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StrictJsonReaderTest {
    private static final String PROVIDER_LOOKUP = "META-INF/services/jakarta.json.spi.JsonProvider";

    /** Looking the JSON-P provider up scans the deployment's jars (a ServiceLoader); once is enough. */
    @Test
    void aRequestBodyIsReadWithoutLookingTheJsonProviderUpAgain() throws IOException {
        read();
        AtomicInteger lookups = new AtomicInteger();
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(original) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals(PROVIDER_LOOKUP)) {
                    lookups.incrementAndGet();
                }
                return super.getResources(name);
            }
        });
        try {
            PlaceOrder order = read();
            read();
            assertEquals("ann", order.customerId());
        } finally {
            thread.setContextClassLoader(original);
        }
        assertEquals(0, lookups.get(), "provider lookups for two request bodies");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PlaceOrder read() throws IOException {
        byte[] body = "{\"customerId\":\"ann\",\"lines\":[{\"sku\":\"WB-MUG-01\",\"quantity\":2}]}"
                .getBytes(StandardCharsets.UTF_8);
        return (PlaceOrder) new StrictJsonReader().readFrom((Class) PlaceOrder.class, PlaceOrder.class, null,
                MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), new ByteArrayInputStream(body));
    }
}

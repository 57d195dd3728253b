package org.waybill.messaging;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The EJB module's message-driven beans, found on disk so that a new one cannot be missed by the tests. */
final class MessageDrivenBeans {
    private MessageDrivenBeans() {
    }

    /** Each message-driven bean's subscription, by the destination it is activated on. */
    static Map<String, Subscription<?>> subscriptions() throws Exception {
        Path classes = Path.of(Destinations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(f -> classes.relativize(f).toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        Map<String, Subscription<?>> found = new TreeMap<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, MessageDrivenBeans.class.getClassLoader());
            MessageDriven bean = type.getAnnotation(MessageDriven.class);
            if (bean != null) {
                String destination = Arrays.stream(bean.activationConfig())
                        .filter(p -> p.propertyName().equals("destination"))
                        .map(ActivationConfigProperty::propertyValue).findFirst().orElseThrow();
                Field subscription = type.getDeclaredField("SUBSCRIPTION");
                subscription.setAccessible(true);
                if (found.put(destination, (Subscription<?>) subscription.get(null)) != null) {
                    throw new AssertionError("two message-driven beans on " + destination);
                }
            }
        }
        return found;
    }
}

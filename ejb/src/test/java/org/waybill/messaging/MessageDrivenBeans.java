package org.waybill.messaging;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.waybill.ModuleClasses;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The EJB module's message-driven beans, found on disk so that a new one cannot be missed by the tests. */
final class MessageDrivenBeans {
    private MessageDrivenBeans() {
    }

    /** The package (its last part, the workflow area) of the message-driven bean that declares a subscription. */
    static String packageOf(Subscription<?> subscription) throws Exception {
        for (Class<?> bean : beans()) {
            Field declared = bean.getDeclaredField("SUBSCRIPTION");
            declared.setAccessible(true);
            if (declared.get(null) == subscription) {
                String name = bean.getPackageName();
                return name.substring(name.lastIndexOf('.') + 1);
            }
        }
        throw new AssertionError("no message-driven bean declares " + subscription.consumer());
    }

    /** Each message-driven bean's subscription, by the destination it is activated on. */
    static Map<String, Subscription<?>> subscriptions() throws Exception {
        Map<String, Subscription<?>> found = new TreeMap<>();
        for (Class<?> type : beans()) {
            String destination = Arrays.stream(type.getAnnotation(MessageDriven.class).activationConfig())
                    .filter(p -> p.propertyName().equals("destination"))
                    .map(ActivationConfigProperty::propertyValue).findFirst().orElseThrow();
            Field subscription = type.getDeclaredField("SUBSCRIPTION");
            subscription.setAccessible(true);
            if (found.put(destination, (Subscription<?>) subscription.get(null)) != null) {
                throw new AssertionError("two message-driven beans on " + destination);
            }
        }
        return found;
    }

    static List<Class<?>> beans() throws Exception {
        return ModuleClasses.all().stream().filter(type -> type.isAnnotationPresent(MessageDriven.class)).toList();
    }
}

package org.waybill.platform;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.junit.jupiter.api.Test;
import org.waybill.ModuleClasses;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No EJB observes an event when a transaction completes. A transaction can complete after WildFly stopped the EJB (a
 * message delivery or a request that ends while the application is undeployed), and the call would meet a stopped
 * component ({@code WFLYEE0043}, logged by Weld with a stack trace). CDI beans observe them: WildFly ends the CDI
 * container after every component (as {@code OutboxWakeUps} does for the relay and the notifier).
 */
class CommitObserversAreCdiBeansTest {

    @Test
    void onlyCdiBeansObserveTheEndOfATransaction() throws Exception {
        Set<String> ejbObservers = new TreeSet<>();
        int observers = 0;
        for (Class<?> type : ModuleClasses.all()) {
            for (Method method : type.getDeclaredMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    Observes observes = parameter.getAnnotation(Observes.class);
                    if (observes != null && observes.during() != TransactionPhase.IN_PROGRESS) {
                        observers++;
                        if (ModuleClasses.isEjb(type)) {
                            ejbObservers.add(type.getSimpleName() + "." + method.getName());
                        }
                    }
                }
            }
        }
        assertTrue(observers > 0, "the observers were found");
        assertEquals(Set.of(), ejbObservers, "EJBs whose observer a late commit may find stopped");
    }
}

package org.waybill.platform;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateful;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.waybill.ModuleClasses;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every periodic task names in its {@code @DependsOn} each EJB its injections reach, directly or through other beans,
 * so that WildFly stops those only after the task, whose stop waits for its run under way ({@link PeriodicTask}).
 * {@link Election} only for a task that runs on one node: the others never call it.
 */
class PeriodicTasksDependOnWhatTheyCallTest {

    @Test
    void everyTaskDependsOnTheEjbsItsInjectionsReach() throws Exception {
        List<Class<?>> classes = ModuleClasses.all();
        Map<String, Set<String>> notNamed = new TreeMap<>();
        int tasks = 0;
        for (Class<?> type : classes) {
            if (type != PeriodicTask.class && PeriodicTask.class.isAssignableFrom(type)) {
                tasks++;
                Set<String> reached = reached(type, classes);
                if (!((PeriodicTask) type.getDeclaredConstructor().newInstance()).onOneNode()) {
                    reached.remove(Election.class.getSimpleName());
                }
                DependsOn dependsOn = type.getAnnotation(DependsOn.class);
                reached.removeAll(dependsOn == null ? Set.of() : Set.of(dependsOn.value()));
                if (!reached.isEmpty()) {
                    notNamed.put(type.getSimpleName(), reached);
                }
            }
        }
        assertTrue(tasks > 0, "the tasks were found");
        assertEquals(Map.of(), notNamed, "EJBs that WildFly may stop under a task's run");
    }

    /** The names of the EJBs that the type's injected fields lead to, through any number of beans. */
    private static Set<String> reached(Class<?> type, List<Class<?>> classes) {
        Set<String> ejbs = new TreeSet<>();
        Set<Class<?>> seen = new HashSet<>(Set.of(type));
        Deque<Class<?>> next = new ArrayDeque<>(Set.of(type));
        while (!next.isEmpty()) {
            for (Class<?> declaring = next.pop(); declaring != null; declaring = declaring.getSuperclass()) {
                for (Field field : declaring.getDeclaredFields()) {
                    if (!field.isAnnotationPresent(Inject.class)) {
                        continue;
                    }
                    for (Class<?> bean : beansOf(field.getType(), classes)) {
                        if (seen.add(bean)) {
                            next.add(bean);
                            if (isEjb(bean)) {
                                ejbs.add(bean.getSimpleName()); // an EJB's default name
                            }
                        }
                    }
                }
            }
        }
        return ejbs;
    }

    /** The module's classes a field of that type is injected with: the type itself, or what implements it. */
    private static List<Class<?>> beansOf(Class<?> type, List<Class<?>> classes) {
        return classes.stream().filter(c -> !c.isInterface() && type.isAssignableFrom(c)).toList();
    }

    private static boolean isEjb(Class<?> bean) {
        return bean.isAnnotationPresent(Stateless.class) || bean.isAnnotationPresent(Singleton.class)
                || bean.isAnnotationPresent(Stateful.class);
    }
}

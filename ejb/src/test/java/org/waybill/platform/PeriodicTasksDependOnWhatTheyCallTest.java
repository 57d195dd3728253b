package org.waybill.platform;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.DependsOn;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.waybill.ModuleClasses;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Arrays;
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
 * {@link Election} only for a task that runs on one node: the others never call it. The same holds for an EJB with an
 * asynchronous method (a replay's sender): WildFly's stop of it waits for the invocation under way.
 */
class PeriodicTasksDependOnWhatTheyCallTest {

    @Test
    void everyTaskDependsOnTheEjbsItsInjectionsReach() throws Exception {
        List<Class<?>> classes = ModuleClasses.all();
        List<Class<?>> tasks = classes.stream()
                .filter(type -> type != PeriodicTask.class && PeriodicTask.class.isAssignableFrom(type)).toList();
        assertTrue(!tasks.isEmpty(), "the tasks were found");
        assertEquals(Map.of(), notNamed(tasks, classes), "EJBs that WildFly may stop under a task's run");
    }

    @Test
    void everyAsynchronousEjbDependsOnTheEjbsItsInjectionsReach() throws Exception {
        List<Class<?>> classes = ModuleClasses.all();
        List<Class<?>> asynchronous = classes.stream().filter(type -> Arrays.stream(type.getDeclaredMethods())
                .anyMatch(method -> method.isAnnotationPresent(Asynchronous.class))).toList();
        assertTrue(!asynchronous.isEmpty(), "the asynchronous EJBs were found");
        assertEquals(Map.of(), notNamed(asynchronous, classes),
                "EJBs that WildFly may stop under an asynchronous invocation");
    }

    /** Per type, the EJBs its injections reach that its {@code @DependsOn} does not name. */
    private static Map<String, Set<String>> notNamed(List<Class<?>> types, List<Class<?>> classes) throws Exception {
        Map<String, Set<String>> notNamed = new TreeMap<>();
        for (Class<?> type : types) {
            Set<String> reached = reached(type, classes);
            if (!PeriodicTask.class.isAssignableFrom(type)
                    || !((PeriodicTask) type.getDeclaredConstructor().newInstance()).onOneNode()) {
                reached.remove(Election.class.getSimpleName());
            }
            DependsOn dependsOn = type.getAnnotation(DependsOn.class);
            reached.removeAll(dependsOn == null ? Set.of() : Set.of(dependsOn.value()));
            if (!reached.isEmpty()) {
                notNamed.put(type.getSimpleName(), reached);
            }
        }
        return notNamed;
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
                            if (ModuleClasses.isEjb(bean)) {
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
}

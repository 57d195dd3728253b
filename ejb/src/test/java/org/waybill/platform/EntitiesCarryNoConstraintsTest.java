package org.waybill.platform;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import org.junit.jupiter.api.Test;
import org.waybill.ModuleClasses;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * persistence.xml turns Hibernate's Bean Validation of entities off (validation-mode NONE): none had a constraint, and
 * running the validator on every insert and update cost 1.7% of WildFly's CPU in a benchmark run. A constraint put on
 * an entity would then silently not run; this test says so instead. Validate input where it enters, or turn the mode
 * back on.
 */
class EntitiesCarryNoConstraintsTest {

    @Test
    void noEntityCarriesABeanValidationConstraint() throws Exception {
        Set<String> constrained = new TreeSet<>();
        int mapped = 0;
        for (Class<?> type : ModuleClasses.all()) {
            if (!type.isAnnotationPresent(Entity.class) && !type.isAnnotationPresent(Embeddable.class)) {
                continue;
            }
            mapped++;
            List<AnnotatedElement> elements = new ArrayList<>(List.of(type));
            Stream.of(type.getDeclaredFields(), type.getDeclaredMethods(), type.getDeclaredConstructors())
                    .flatMap(Stream::of).forEach(elements::add);
            for (AnnotatedElement element : elements) {
                for (Annotation annotation : element.getAnnotations()) {
                    if (isConstraint(annotation)) {
                        constrained.add(type.getSimpleName() + ": @" + annotation.annotationType().getSimpleName()
                                + " on " + element);
                    }
                }
            }
        }
        assertTrue(mapped > 0, "the entities were found");
        assertEquals(Set.of(), constrained, "constraints that validation-mode NONE (persistence.xml) would not check");
    }

    private static boolean isConstraint(Annotation annotation) {
        Class<? extends Annotation> type = annotation.annotationType();
        return type == Valid.class || type.isAnnotationPresent(Constraint.class)
                || type.getName().startsWith("jakarta.validation.constraints.");
    }
}

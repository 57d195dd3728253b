package org.waybill;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateful;
import jakarta.ejb.Stateless;
import org.waybill.platform.Failures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The EJB module's top-level classes, found on disk so that a test over all of a kind cannot miss a new one. */
public final class ModuleClasses {
    private ModuleClasses() {
    }

    public static List<Class<?>> all() throws Exception {
        // Where any class of the main sources was loaded from: the module's classes, not the tests'.
        Path classes = Path.of(Failures.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(f -> classes.relativize(f).toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        List<Class<?>> all = new ArrayList<>();
        for (String name : names) {
            all.add(Class.forName(name, false, ModuleClasses.class.getClassLoader()));
        }
        return all;
    }

    /** Whether the class is an EJB of any kind, which WildFly stops as a component of its own. */
    public static boolean isEjb(Class<?> type) {
        return List.of(Stateless.class, Singleton.class, Stateful.class, MessageDriven.class).stream()
                .anyMatch(type::isAnnotationPresent);
    }
}

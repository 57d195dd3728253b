package org.waybill;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The architecture the README draws, held against the sources: packages depend one way, from the operators' tools
 * down to the platform, and the workflow areas never use each other's classes (they talk through the events and
 * the ports in {@code contracts}). A reference counts whether it is an import or a fully qualified name.
 */
class PackageDependenciesTest {
    /**
     * Layers, bottom first; a package may use packages of lower layers only (the top layer also its own). {@code health}
     * is the module waybill-health, in the EAR's lib: it knows nothing of the application.
     */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("platform", "health"),
            Set.of("events"),
            Set.of("contracts"),
            Set.of("messaging"),
            Set.of("outbox"),
            Set.of("ordering", "inventory", "payment", "shipping", "notification"),
            Set.of("tracking", "deadletters", "operations", "history"));
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.waybill\\.([a-z]+)\\.[A-Za-z]");

    @Test
    void everyPackageIsInALayer() throws IOException {
        Set<String> unplaced = new TreeSet<>(uses().keySet());
        LAYERS.forEach(unplaced::removeAll);
        assertEquals(Set.of(), unplaced, "packages the layers do not name: place them in LAYERS and the README");
    }

    @Test
    void dependenciesPointDownAndAreasDoNotUseEachOther() throws IOException {
        List<String> violations = new ArrayList<>();
        uses().forEach((from, targets) -> targets.forEach(to -> {
            int fromLayer = layerOf(from);
            int toLayer = layerOf(to);
            boolean sameTopLayer = fromLayer == LAYERS.size() - 1 && toLayer == fromLayer;
            if (toLayer > fromLayer || (toLayer == fromLayer && !sameTopLayer)) {
                violations.add(from + " -> " + to);
            }
        }));
        assertEquals(List.of(), violations);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = uses();
        for (String start : uses.keySet()) {
            assertFalse(reaches(uses, start, start, new TreeSet<>()), start + " depends on itself through others");
        }
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (next.equals(target) || (seen.add(next) && reaches(uses, next, target, seen))) {
                return true;
            }
        }
        return false;
    }

    private static int layerOf(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        throw new AssertionError("package " + pkg + " is in no layer");
    }

    /** For each package under org.waybill, the other org.waybill packages its main sources refer to. */
    private static Map<String, Set<String>> uses() throws IOException {
        Path root = Path.of("src/main/java/org/waybill");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file).getName(0).toString();
                Set<String> targets = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(Files.readString(file));
                while (reference.find()) {
                    if (!reference.group(1).equals(pkg)) {
                        targets.add(reference.group(1));
                    }
                }
            }
        }
        return uses;
    }
}

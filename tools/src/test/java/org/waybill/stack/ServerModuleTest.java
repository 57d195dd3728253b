package org.waybill.stack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerModuleTest {
    /**
     * A module names its classes one by one; a class of its package left out (a nested or anonymous class among
     * them) fails in WildFly only when a request first needs it (NoClassDefFoundError, every request answered 500).
     */
    @Test
    void everyModuleHoldsEveryClassOfItsPackages() throws IOException, URISyntaxException {
        Path classes = Path.of(ServerModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (ServerModule module : ServerModule.ALL) {
            TreeSet<String> inPackages = new TreeSet<>();
            for (String pkg : module.types().stream().map(t -> t.substring(0, t.lastIndexOf('.'))).distinct().toList()) {
                try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
                    files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class"))
                            .forEach(f -> inPackages.add(pkg + "." + f.substring(0, f.length() - ".class".length())));
                }
            }
            assertEquals(List.copyOf(inPackages), List.copyOf(new TreeSet<>(module.types())), module.name());
        }
    }
}

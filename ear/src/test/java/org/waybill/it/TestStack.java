package org.waybill.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.waybill.stack.LocalStack;
import org.waybill.stack.StackSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts a fresh PostgreSQL and Artemis and prepares WildFly before the first integration test; Arquillian then
 * starts that WildFly (arquillian.xml). Everything is real and on loopback; nothing is shared with a running dev
 * system (own folder and ports, see the failsafe configuration). Stopped when the test JVM exits, after Arquillian
 * has stopped WildFly.
 */
public class TestStack implements LauncherSessionListener {
    private static LocalStack stack;

    public static LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("the test stack runs only under failsafe (./mvnw verify)");
        }
        return stack;
    }

    @Override
    public synchronized void launcherSessionOpened(LauncherSession session) {
        String home = System.getProperty("waybill.home");
        if (home == null || stack != null) {
            return;
        }
        // The tests always bring their own servers, whatever WAYBILL_*_HOST says.
        StackSettings settings = StackSettings.from(Path.of(home), Path.of(System.getProperty("waybill.dist")),
                name -> name.endsWith("_HOST") ? null : System.getenv(name));
        try {
            forgetPreviousRun(settings.home());
            stack = new LocalStack(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "test-stack-stop"));
            long start = System.nanoTime();
            stack.startServices();
            stack.provisionWildFly();
            System.out.printf("Test stack up in %.1f s (PostgreSQL :%d, Artemis :%d)%n",
                    (System.nanoTime() - start) / 1e9, settings.database().port(), settings.broker().port());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test stack", e);
        }
    }

    /** Fresh data for every run; the unpacked servers are kept, they only cost time. */
    private static void forgetPreviousRun(Path home) throws IOException {
        for (Path data : List.of(home.resolve("postgres/data"), home.resolve("postgres/superuser.password"),
                home.resolve("artemis/instance"), home.resolve("wildfly/standalone/data"),
                home.resolve("wildfly/standalone/log"), home.resolve("logs"))) {
            if (Files.exists(data)) {
                try (Stream<Path> tree = Files.walk(data)) {
                    for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}

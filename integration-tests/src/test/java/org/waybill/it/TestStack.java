package org.waybill.it;

import org.flywaydb.core.Flyway;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.waybill.load.Database;
import org.waybill.stack.LocalStack;
import org.waybill.stack.StackSettings;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Starts a fresh PostgreSQL and Artemis and the OTLP receiver, and prepares WildFly, before the first integration
 * test; Arquillian then starts that WildFly (arquillian.xml). Everything is real and on loopback; nothing is shared
 * with a running dev system (own folder and ports, see the failsafe configuration). Stopped when the test JVM exits,
 * after Arquillian has stopped WildFly.
 */
public class TestStack implements LauncherSessionListener {
    private static LocalStack stack;
    private static OtlpReceiver otlp;

    public static LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("the test stack runs only under failsafe (./mvnw verify)");
        }
        return stack;
    }

    /**
     * The spans WildFly exported (WAYBILL_OTLP_ENDPOINT in the failsafe configuration). Listening before WildFly
     * starts: spans exported while nothing listens are dropped by the exporter, not sent again.
     */
    public static OtlpReceiver otlp() {
        stack();
        return otlp;
    }

    /** The test stack's database, read directly to check what the application wrote. */
    public static Database db() {
        return new Database(stack().settings());
    }

    /**
     * A schema of that name, dropped if it exists and migrated anew by the application's migrations: an outbox of a
     * test's own, which the deployed application never reads.
     */
    public static void freshSchema(String schema) throws SQLException {
        try (Connection c = db().connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        StackSettings settings = stack().settings();
        Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.databaseUser().user(), settings.databaseUser().password())
                .schemas(schema)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** The EAR under test, as the ear module built it: what every Arquillian test deploys. */
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("waybill.ear")));
    }

    @Override
    public synchronized void launcherSessionOpened(LauncherSession session) {
        String home = System.getProperty("waybill.home");
        if (home == null || stack != null) {
            return;
        }
        // The tests always bring their own servers, whatever WAYBILL_*_HOST says (and so their own broker's and
        // database's certificates, which the failsafe configuration names for WildFly), and one read-only event subscriber
        // (BrokerRolesIT) with a password of this run.
        String subscriber = "analytics:" + java.util.UUID.randomUUID();
        StackSettings settings = StackSettings.from(Path.of(home), Path.of(System.getProperty("waybill.dist")),
                name -> name.endsWith("_HOST") || name.startsWith("WAYBILL_BROKER_TRUSTSTORE")
                        || name.equals(StackSettings.DB_SSLROOTCERT) ? null
                        : name.equals("WAYBILL_BROKER_SUBSCRIBERS") ? subscriber : System.getenv(name));
        try {
            LocalStack.forgetData(settings.home());
            otlp = OtlpReceiver.start(Integer.getInteger("waybill.it.otlp-port"));
            stack = new LocalStack(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                otlp.close();
            }, "test-stack-stop"));
            long start = System.nanoTime();
            stack.startServices();
            stack.provisionWildFly();
            System.out.printf("Test stack up in %.1f s (PostgreSQL :%d, Artemis :%d)%n",
                    (System.nanoTime() - start) / 1e9, settings.database().port(), settings.broker().port());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test stack", e);
        }
    }
}

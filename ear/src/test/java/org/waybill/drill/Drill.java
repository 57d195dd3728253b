package org.waybill.drill;

import org.waybill.stack.AppUser;
import org.waybill.stack.LocalStack;
import org.waybill.stack.StackSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;

/**
 * The drills ({@code ./mvnw verify -Pdrill}): a fresh stack of their own (own folder and ports, beside a started
 * system), clients placing orders over REST, and a scenario, then an audit of what must hold. Exit code 0 only if
 * every check holds.
 * <ul>
 *   <li>{@code -Dwaybill.drill=faults} (default): crashes and outages while 2,000 orders are placed
 *       ({@link FaultScenario}).</li>
 *   <li>{@code -Dwaybill.drill=burst}: 5,000 orders at once, with queue depths and drain time ({@link BurstScenario}).</li>
 * </ul>
 * {@code -Dwaybill.drill.orders=N} changes the number of orders; {@code WAYBILL_MESSAGING_MODE=xa} runs in XA mode.
 */
public final class Drill {
    private Drill() {
    }

    /** The drill stack's database, read directly; reads wait out a restart of PostgreSQL. */
    record Database(StackSettings settings) {
        long number(String sql) {
            while (true) {
                try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.databaseUser().user(),
                        settings.databaseUser().password()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    return rs.getLong(1);
                } catch (SQLException e) {
                    sleep(1_000); // the database may be restarting
                }
            }
        }

        /** A two-column query (name, number), e.g. a count per group. */
        Map<String, Long> counts(String sql) {
            try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.databaseUser().user(),
                    settings.databaseUser().password()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                Map<String, Long> counts = new java.util.TreeMap<>();
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
                return counts;
            } catch (SQLException e) {
                throw new IllegalStateException(sql + ": " + e.getMessage(), e);
            }
        }

        void execute(String sql) {
            try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.databaseUser().user(),
                    settings.databaseUser().password()); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + ": " + e.getMessage(), e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String scenario = System.getProperty("waybill.drill", "faults");
        if (!scenario.equals("faults") && !scenario.equals("burst")) {
            throw new IllegalArgumentException("-Dwaybill.drill must be faults or burst, not " + scenario);
        }
        Path home = Path.of(System.getProperty("waybill.home")).toAbsolutePath();
        Map<String, String> env = Map.of("WAYBILL_DB_PORT", "35432", "WAYBILL_BROKER_PORT", "61816",
                "WAYBILL_CONSOLE_PORT", "8361", "WAYBILL_SMTP_PORT", "3325", "WAYBILL_IMAP_PORT", "3443",
                "WAYBILL_PORT_OFFSET", "200");
        StackSettings settings = StackSettings.from(home, Path.of(System.getProperty("waybill.dist")), env::get);
        LocalStack.forgetData(home);
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "drill-stop"));
        long started = System.nanoTime();
        stack.startServices();
        // The drill restarts WildFly with its own copy: a rebuild meanwhile must not change what it tests.
        Path ear = java.nio.file.Files.copy(Path.of(System.getProperty("waybill.ear")), home.resolve("waybill.ear"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        stack.startWildFly(ear);
        System.out.printf("Drill stack up in %.1f s; messaging mode %s%n", (System.nanoTime() - started) / 1e9,
                System.getenv().getOrDefault("WAYBILL_MESSAGING_MODE", "at-least-once"));

        Database db = new Database(settings);
        String api = "http://127.0.0.1:" + settings.httpPort() + "/waybill/api";
        AppUser operator = settings.userInRole("operator");
        String credentials = "Basic " + Base64.getEncoder().encodeToString(
                (operator.name() + ":" + operator.password()).getBytes(StandardCharsets.UTF_8));
        boolean ok = scenario.equals("burst")
                ? new BurstScenario(stack, db, api, credentials, Integer.getInteger("waybill.drill.orders", 5_000)).run()
                : new FaultScenario(stack, db, ear, api, credentials, Integer.getInteger("waybill.drill.orders", 2_000),
                Long.getLong("waybill.drill.seed", System.nanoTime())).run();
        System.out.println(ok ? "DRILL PASSED" : "DRILL FAILED");
        System.exit(ok ? 0 : 1);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

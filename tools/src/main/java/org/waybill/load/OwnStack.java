package org.waybill.load;

import org.waybill.stack.AppUser;
import org.waybill.stack.LocalStack;
import org.waybill.stack.LocalWildFly;
import org.waybill.stack.StackSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh Waybill stack of its own for a drill or a benchmark: its own folder and ports (beside a started system and
 * the tests), its own copy of the EAR (a rebuild meanwhile must not change what it measures), started from nothing.
 */
public final class OwnStack implements AutoCloseable {
    private final LocalStack stack;
    /** Stops the stack if the program ends without closing it (a drill that failed, Ctrl-C). */
    private final Thread stopAtExit;
    private final Path ear;
    private final Database database;

    private OwnStack(LocalStack stack, Thread stopAtExit, Path ear) {
        this.stack = stack;
        this.stopAtExit = stopAtExit;
        this.ear = ear;
        this.database = new Database(stack.settings());
    }

    /**
     * PostgreSQL's port in a slot, below 32768, where Linux's ephemeral ports begin: the drills restart PostgreSQL,
     * and meanwhile a port in that range can be taken by an outgoing connection (35432 was, and the restart could not
     * bind it: the drill's stack lost its database). The test suite's own PostgreSQL is on 25432, set by its POM.
     */
    static int databasePort(int slot) {
        return 15432 + 1000 * slot;
    }

    /**
     * @param slot which set of ports: the development defaults are slot 0, the tests slot 1, the drills 2, the
     *             benchmark 3; slot n adds 100 n to each port and 1,000 n to PostgreSQL's ({@link #databasePort}),
     *             so stacks run side by side
     * @param extraEnvironment more WAYBILL_* settings, for the launcher and for WildFly, e.g. WAYBILL_MESSAGING_MODE
     */
    public static OwnStack start(Path home, int slot, Map<String, String> extraEnvironment) throws IOException {
        int shift = 100 * slot;
        Map<String, String> env = new HashMap<>(Map.of("WAYBILL_DB_PORT", Integer.toString(databasePort(slot)),
                "WAYBILL_BROKER_PORT", Integer.toString(61616 + shift),
                "WAYBILL_CONSOLE_PORT", Integer.toString(8161 + shift),
                "WAYBILL_BROKER_METRICS_PORT", Integer.toString(9404 + shift),
                "WAYBILL_SMTP_PORT", Integer.toString(3025 + shift),
                "WAYBILL_IMAP_PORT", Integer.toString(3143 + shift),
                "WAYBILL_PORT_OFFSET", Integer.toString(shift)));
        // The mode of the stack as a whole (PostgreSQL and WildFly), and whether its connections use TLS (to measure
        // what TLS costs, against WAYBILL_BROKER_TLS=false and WAYBILL_DB_SSLMODE=disable), unless the caller names them.
        for (String name : List.of(StackSettings.MESSAGING_MODE, StackSettings.BROKER_TLS, StackSettings.DB_SSLMODE)) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(extraEnvironment);
        StackSettings settings = StackSettings.from(home, Path.of(System.getProperty("waybill.dist")), env::get);
        LocalStack.forgetData(home);
        LocalStack stack = new LocalStack(settings);
        Thread stopAtExit = new Thread(stack::close, "own-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        long started = System.nanoTime();
        stack.startServices();
        Path ear = Files.copy(Path.of(System.getProperty("waybill.ear")), home.resolve("waybill.ear"),
                StandardCopyOption.REPLACE_EXISTING);
        stack.startWildFly(ear, extraEnvironment);
        System.out.printf("Stack up in %.1f s (WildFly :%d, PostgreSQL :%d, Artemis :%d); messaging mode %s%n",
                (System.nanoTime() - started) / 1e9, settings.httpPort(), settings.database().port(),
                settings.broker().port(), settings.messagingMode());
        return new OwnStack(stack, stopAtExit, ear);
    }

    /** Stops the stack now; the exit then has nothing left to stop (a drill that runs several stacks in turn). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // Called while the program exits: the hook stops the stack too, and a second stop does no harm.
        }
        stack.close();
    }

    public LocalStack stack() {
        return stack;
    }

    public StackSettings settings() {
        return stack.settings();
    }

    /** The copy of the EAR WildFly runs (and is restarted with). */
    public Path ear() {
        return ear;
    }

    /** Restarts WildFly (same EAR) with more WAYBILL_* settings, e.g. {@code WAYBILL_MESSAGING_MODE}. */
    public void restartWildFly(Map<String, String> environment) throws IOException {
        long start = System.nanoTime();
        stack.restartWildFly(ear, environment);
        System.out.printf("WildFly restarted with %s in %.1f s%n", environment, (System.nanoTime() - start) / 1e9);
    }

    /** The same, every node with these server system properties instead of the ones it had. */
    public void restartWildFly(Map<String, String> environment, Map<String, String> systemProperties)
            throws IOException {
        for (int number = 1; number <= settings().nodes().size(); number++) {
            stack.node(number).systemProperties(systemProperties);
        }
        System.out.println("WildFly's system properties: " + systemProperties);
        restartWildFly(environment);
    }

    /**
     * Runs nodes 1 to {@code count} of the stack's nodes and stops the others: each node starts (same EAR, same
     * settings as before) or stops on its own, so the database and the broker stay as they are.
     */
    public void runNodes(int count) throws IOException {
        int nodes = settings().nodes().size();
        if (count < 1 || count > nodes) {
            throw new IllegalArgumentException("the stack has " + nodes + " WildFly node(s) (" + StackSettings.NODES
                    + "), so it cannot run " + count);
        }
        for (int number = 1; number <= nodes; number++) {
            LocalWildFly node = stack.node(number);
            if (number > count && node.isRunning()) {
                node.stop();
            } else if (number <= count && !node.isRunning()) {
                long start = System.nanoTime();
                node.provision();
                node.start(ear);
                System.out.printf("WildFly node %s started in %.1f s%n", node.node().id(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    public Database database() {
        return database;
    }

    public String api() {
        return "http://127.0.0.1:" + settings().httpPort() + "/waybill/api";
    }

    /** The Authorization header of the operator among the stack's users. */
    public String operatorCredentials() {
        AppUser operator = settings().userInRole("operator");
        return "Basic " + Base64.getEncoder().encodeToString(
                (operator.name() + ":" + operator.password()).getBytes(StandardCharsets.UTF_8));
    }
}

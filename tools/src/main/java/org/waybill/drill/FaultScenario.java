package org.waybill.drill;

import org.waybill.load.Load;
import org.waybill.load.OrderClients;
import org.waybill.load.OwnStack;
import org.waybill.stack.LocalStack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Crashes and outages while four clients place orders (about 13 per second, 2,000 by default): Artemis stopped for
 * 30 s, WildFly killed with SIGKILL three times, Artemis killed with SIGKILL, PostgreSQL restarted. Each fault strikes
 * at a random moment within its stretch of the run (seeded: {@code -Dwaybill.drill.seed=N} repeats a run), one after
 * the other. At a random moment of its own (between 10% and 30% of the orders), an outside client sends a handful of
 * foreign messages ({@link ForeignPoison}); each must be parked with its reason, and nothing else.
 */
final class FaultScenario {
    /** How long the outbox is watched after the broker is back, for the moment it is empty. */
    private static final Duration DRAIN_WATCH = Duration.ofMinutes(2);

    private interface Action {
        void inject() throws Exception;
    }

    private final OwnStack own;
    private final int orders;
    private final long seed;
    private final OrderClients clients;
    private final FaultTimeline timeline;
    private final List<FaultTimeline.Fault> plan;
    private final OutboxWatch outbox;
    private final List<Thread> drains = new ArrayList<>();
    /** Its own random numbers, so a seed strikes the faults at the same moments as before it existed. */
    private final Random foreignRandom;
    private final ForeignPoison foreign;

    FaultScenario(OwnStack own, int orders, long seed) {
        this.own = own;
        this.orders = orders;
        LocalStack stack = own.stack();
        Path ear = own.ear();
        this.seed = seed;
        this.clients = new OrderClients(own.api(), own.operatorCredentials(), 4, 300);
        this.timeline = new FaultTimeline(clients, orders, new Random(seed));
        this.outbox = new OutboxWatch(own.database());
        this.foreignRandom = new Random(seed + 1);
        this.foreign = new ForeignPoison(own, foreignRandom);
        this.plan = List.of(
                fault("Artemis stopped for 30 s", timeline.between(0.05, 0.10), true, () -> {
                    stack.broker().stop();
                    Load.sleep(30_000);
                    stack.broker().start();
                }),
                fault("WildFly killed (SIGKILL), restarted", timeline.between(0.35, 0.42), false,
                        () -> stack.crashAndRestartWildFly(ear)),
                fault("Artemis killed (SIGKILL), restarted", timeline.between(0.47, 0.53), true, () -> {
                    stack.broker().kill();
                    stack.broker().start();
                }),
                fault("WildFly killed (SIGKILL), restarted", timeline.between(0.58, 0.65), false,
                        () -> stack.crashAndRestartWildFly(ear)),
                fault("PostgreSQL restarted (5 s down)", timeline.between(0.70, 0.76), false,
                        () -> stack.restartDatabase(Duration.ofSeconds(5))),
                fault("WildFly killed (SIGKILL), restarted", timeline.between(0.82, 0.90), false,
                        () -> stack.crashAndRestartWildFly(ear)));
    }

    private FaultTimeline.Fault fault(String name, double atShare, boolean touchesBroker, Action action) {
        return new FaultTimeline.Fault(name, atShare, moment -> {
            action.inject();
            return measure(moment, touchesBroker);
        });
    }

    boolean run() throws Exception {
        System.out.println("Fault drill: " + orders + " orders, 4 clients, seed " + seed
                + " (repeat with -Dwaybill.drill.seed=" + seed + ")");
        long start = System.nanoTime();
        clients.start(orders);
        Thread injector = timeline.start(plan);
        Thread outsider = new Thread(this::sendForeign, "foreign-client");
        outsider.start();
        clients.awaitDone();
        injector.join();
        outsider.join();
        for (Thread drain : drains) {
            drain.join();
        }
        double placing = (System.nanoTime() - start) / 1e9;
        DrillAudit audit = new DrillAudit(own);
        Duration settled = audit.awaitAllEnded(Duration.ofMinutes(10));
        // A step that keeps failing is dead-lettered by the broker after its last attempt, minutes after it came.
        Duration foreignParked = foreign.awaitParked(Duration.ofMinutes(10));

        System.out.println();
        System.out.println("Faults (seed " + seed + "):");
        timeline.outcomes().forEach(o -> System.out.println("  " + o));
        System.out.printf("  placing took %.1f s; all orders ended %s%n", placing,
                settled == null ? "NOT within 10 min" : String.format("%.1f s after the last was accepted", settled.toMillis() / 1e3));
        System.out.printf("  the foreign messages were %s%n", foreignParked == null ? "NOT all parked within 10 min more"
                : String.format("all parked %.1f s after the orders ended", foreignParked.toMillis() / 1e3));
        return audit.report(clients, orders, foreign) && settled != null && foreignParked != null;
    }

    private void sendForeign() {
        int at = (int) (orders * (0.10 + foreignRandom.nextDouble() * 0.20));
        while (clients.accepted().size() < at) {
            Load.sleep(50);
        }
        int acceptedBefore = clients.accepted().size();
        try {
            foreign.send();
            timeline.report(String.format("%-38s after %4d orders: %d sent", "Foreign messages from an outside client",
                    acceptedBefore, foreign.sent().size()));
        } catch (Exception e) {
            timeline.report("Foreign messages from an outside client: sending FAILED after " + foreign.sent().size() + ": " + e);
        }
        System.out.println("Foreign messages sent by an outside client (" + acceptedBefore + " orders accepted so far)");
    }

    /**
     * How long the fault lasted (its injection), and then, for the broker, how large the outbox backlog had grown and
     * how long it took to drain; for the others, when orders were accepted again. Returns its report line, or null
     * for the broker's, which reports once drained.
     */
    private String measure(FaultTimeline.Moment moment, boolean touchesBroker) {
        long t0 = moment.startNanos();
        int acceptedBefore = moment.acceptedBefore();
        double down = FaultTimeline.secondsSince(t0);
        int acceptedAtEnd = clients.accepted().size();
        String line = String.format("%-38s after %4d orders: back in %5.1f s (%d orders accepted meanwhile)",
                moment.name(), acceptedBefore, down, acceptedAtEnd - acceptedBefore);
        if (touchesBroker) {
            // Measured beside the run, so the next fault still strikes at its moment.
            long backlog = outbox.backlog();
            long back = System.nanoTime();
            String atBack = line;
            Thread drain = new Thread(() -> {
                // A limit reached is not a drain: the clients keep placing orders, so the outbox may never be empty.
                String drained = outbox.awaitDrained(DRAIN_WATCH)
                        ? String.format("drained in %.1f s", FaultTimeline.secondsSince(back))
                        : String.format("not empty once in %d s (%d events waiting at its end)",
                                DRAIN_WATCH.toSeconds(), outbox.backlog());
                timeline.report(atBack + String.format("; outbox backlog %d events, %s", backlog, drained));
            }, "drain-" + moment.name());
            drain.start();
            drains.add(drain);
            return null;
        }
        long again = timeline.awaitAcceptance(System.nanoTime(), Duration.ofMinutes(1)).orElse(System.nanoTime());
        return line + String.format("; orders accepted again %.1f s after it began", (again - t0) / 1e9);
    }
}

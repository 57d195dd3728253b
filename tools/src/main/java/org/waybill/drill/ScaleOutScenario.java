package org.waybill.drill;

import org.waybill.load.OrderClients;
import org.waybill.load.OwnStack;
import org.waybill.stack.LocalBroker;
import org.waybill.stack.LocalStack;
import org.waybill.stack.LocalWildFly;
import org.waybill.stack.StackSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Scale-out: three WildFly nodes behind the load balancer and the Artemis primary/backup pair, four clients placing
 * orders through the balancer as the fault drill's do (2,000 by default). At seeded moments ({@link FaultTimeline}),
 * one after the other: WildFly node 2 killed (SIGKILL) and started again; the primary broker killed (SIGKILL), so the
 * backup takes over; the primary started again, so it catches up and takes over again (fail-back); PostgreSQL
 * restarted. Each fault reports how long its recovery took and which orders the clients saw refused meanwhile. Then
 * the drills' audit, with no dead letter allowed on the broker active at the end.
 */
final class ScaleOutScenario {
    static final int NODES = 3;
    private static final int KILLED_NODE = 2;
    /** How long each wait of a measurement may take before the drill reports it as not recovered. */
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private final OwnStack own;
    private final LocalStack stack;
    private final int orders;
    private final long seed;
    private final OrderClients clients;
    private final FaultTimeline timeline;
    private final OutboxWatch outbox;
    private final List<FaultTimeline.Fault> plan;
    /** The stretch of each fault, to tell the refusals of the faults from those outside them. */
    private final List<ClientsDuring> windows = java.util.Collections.synchronizedList(new ArrayList<>());
    /** False once a recovery was not seen within its limit. */
    private volatile boolean recovered = true;

    ScaleOutScenario(OwnStack own, int orders, long seed) {
        this.own = own;
        this.stack = own.stack();
        this.orders = orders;
        this.seed = seed;
        this.clients = new OrderClients(own.api(), own.operatorCredentials(), 4, 300);
        this.timeline = new FaultTimeline(clients, orders, new Random(seed));
        this.outbox = new OutboxWatch(own.database());
        // A node's restart under load takes about 40% of the run on two cores (80 s of 207 in the first run), and the
        // fail-back's drain about 15%: the stretches leave each fault its own moment, and the backup serves alone
        // for about 15% of the orders.
        this.plan = List.of(
                new FaultTimeline.Fault("WildFly node " + KILLED_NODE + " killed (SIGKILL), restarted",
                        timeline.between(0.05, 0.10), this::killNode),
                new FaultTimeline.Fault("Primary broker killed (SIGKILL)", timeline.between(0.50, 0.55),
                        this::killPrimary),
                new FaultTimeline.Fault("Primary broker restarted (fail-back)", timeline.between(0.65, 0.70),
                        this::failBack),
                new FaultTimeline.Fault("PostgreSQL restarted (5 s down)", timeline.between(0.85, 0.90),
                        this::restartDatabase));
    }

    /** The stack's settings for the drill: the nodes behind the balancer and the broker pair. */
    static Map<String, String> environment() {
        return Map.of(StackSettings.NODES, Integer.toString(NODES), StackSettings.BROKER_PAIR, "true");
    }

    boolean run() throws Exception {
        if (!own.settings().balanced() || !own.settings().brokerPair()) {
            throw new IllegalStateException("the scale-out drill needs the nodes behind the balancer and the broker pair");
        }
        System.out.println("Scale-out drill: " + orders + " orders, 4 clients through the load balancer " + own.api()
                + " to " + NODES + " WildFly nodes, broker pair; seed " + seed + " (repeat with -Dwaybill.drill.seed="
                + seed + ")");
        long start = System.nanoTime();
        clients.start(orders);
        Thread injector = timeline.start(plan);
        clients.awaitDone();
        injector.join();
        long placed = System.nanoTime();
        DrillAudit audit = new DrillAudit(own);
        Duration settled = audit.awaitAllEnded(Duration.ofMinutes(10));

        System.out.println();
        System.out.println("Faults (seed " + seed + "):");
        timeline.outcomes().forEach(o -> System.out.println("  " + o));
        ClientsDuring whole = ClientsDuring.of(clients, start, placed);
        long inFaults = windows.stream().mapToLong(w -> w.refusals().size()).sum();
        System.out.printf("  outside the faults: %d requests refused; in all: %s; %d orders answered from an earlier "
                        + "acceptance with the same key (Idempotent-Replayed)%n", whole.refusals().size() - inFaults,
                whole.refusedSummary(), clients.replayed());
        System.out.printf("  placing took %.1f s; all orders ended %s%n", (placed - start) / 1e9,
                settled == null ? "NOT within 10 min" : String.format("%.1f s after the last was accepted", settled.toMillis() / 1e3));
        boolean pairBack = stack.broker().isActive() && !stack.brokerBackup().isActive();
        System.out.println("  broker pair at the end: " + (pairBack ? "the primary active, the backup passive"
                : "primary active " + stack.broker().isActive() + ", backup active " + stack.brokerBackup().isActive()));
        return audit.report(clients, orders, null) && settled != null && pairBack && recovered
                && timeline.failures() == 0;
    }

    private String killNode(FaultTimeline.Moment moment) throws Exception {
        LocalWildFly node = stack.node(KILLED_NODE);
        node.kill();
        node.provision();
        node.start(own.ear());
        double ready = moment.seconds();
        ClientsDuring seen = window(moment);
        return String.format("%-40s after %4d orders: node ready again in %.1f s; through the balancer the first "
                        + "order accepted %s, the longest pause between two accepted %.1f s (%d accepted meanwhile); %s",
                moment.name(), moment.acceptedBefore(), ready, after(seen.firstAcceptance()), seen.longestPause(),
                seen.acceptances().size(), seen.refusedSummary());
    }

    private String killPrimary(FaultTimeline.Moment moment) {
        LocalBroker backup = stack.brokerBackup();
        stack.broker().kill();
        long until = System.nanoTime() + LIMIT.toNanos();
        while (!backup.isActive() && System.nanoTime() - until < 0) {
            org.waybill.load.Load.sleep(20);
        }
        String active = backup.isActive() ? String.format("backup active in %.1f s", moment.seconds())
                : unrecovered("backup active");
        return moment.name() + ": " + active + afterSwitch(moment, System.currentTimeMillis());
    }

    private String failBack(FaultTimeline.Moment moment) throws Exception {
        LocalBroker backup = stack.brokerBackup();
        long mark = backup.logMark();
        stack.broker().start();
        long switched = System.currentTimeMillis();
        String active = String.format("primary active again in %.1f s", moment.seconds());
        backup.awaitReplicating(mark, LIMIT);
        return moment.name() + ": " + active + String.format(", backup replicating again in %.1f s", moment.seconds())
                + afterSwitch(moment, switched);
    }

    /**
     * After the broker that serves changed ({@code switched}, epoch milliseconds): when the first event was published
     * to it and the first taken by a consumer, the outbox backlog then and when it drained, and what the clients saw
     * since the fault began.
     */
    private String afterSwitch(FaultTimeline.Moment moment, long switched) {
        long backlog = outbox.backlog();
        double published = outbox.firstPublishedAfter(switched, LIMIT);
        double delivered = outbox.firstDeliveredAfter(switched, LIMIT);
        boolean drained = outbox.awaitDrained(LIMIT);
        double total = moment.seconds();
        ClientsDuring seen = window(moment);
        return String.format("; then the first event published %s, the first taken by a consumer %s; outbox backlog "
                        + "%d events, %s; %d orders accepted meanwhile; %s", after(published), after(delivered), backlog,
                drained ? String.format("drained %.1f s after the fault began", total) : unrecovered("drained"),
                seen.acceptances().size(), seen.refusedSummary());
    }

    private String restartDatabase(FaultTimeline.Moment moment) throws Exception {
        stack.restartDatabase(Duration.ofSeconds(5));
        double back = moment.seconds();
        var again = timeline.awaitAcceptance(System.nanoTime(), LIMIT);
        ClientsDuring seen = window(moment);
        return String.format("%-40s after %4d orders: back in %.1f s; orders accepted again %s; %s", moment.name(),
                moment.acceptedBefore(), back, again.isPresent()
                        ? String.format("%.1f s after it began", (again.getAsLong() - moment.startNanos()) / 1e9)
                        : clients.accepted().size() >= orders ? "- (every order was placed)" : unrecovered("accepted"),
                seen.refusedSummary());
    }

    private ClientsDuring window(FaultTimeline.Moment moment) {
        ClientsDuring seen = ClientsDuring.of(clients, moment.startNanos(), System.nanoTime());
        windows.add(seen);
        return seen;
    }

    /** "x s later"; when nothing was left to happen (NaN), so; when it never happened (negative), a failed recovery. */
    private String after(double seconds) {
        return Double.isNaN(seconds) ? "none (every order had ended)"
                : seconds < 0 ? unrecovered("seen") : String.format("%.2f s later", seconds);
    }

    private String unrecovered(String what) {
        recovered = false;
        return what + " NOT within " + LIMIT.toSeconds() + " s";
    }
}

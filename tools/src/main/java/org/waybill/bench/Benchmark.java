package org.waybill.bench;

import org.waybill.load.ProcessStats;
import org.waybill.load.OrderClients;
import org.waybill.load.OwnStack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark ({@code ./mvnw verify -Pbench}): a fresh stack of its own, then
 * <ol>
 *   <li>relay alone: a filled outbox drained to the broker by Waybill's relay, by a plain JMS producer (the broker's
 *       limit at the same batching) and by the peer library (gruelbox transaction-outbox);</li>
 *   <li>end to end: orders through the whole workflow at fixed offered rates and at saturation, first with the
 *       outbox, then with WildFly restarted in the direct-XA mode (each event sent by its own transaction).</li>
 * </ol>
 * It prints tables with ratios to the baselines and the CPU and memory of each server. Scale with
 * {@code -Dwaybill.bench.rates=2,5,10 -Dwaybill.bench.seconds=120 -Dwaybill.bench.events=100000}; run one part with
 * {@code -Dwaybill.bench.parts=relay} or {@code =end-to-end}.
 */
public final class Benchmark {
    private static final String MODE = "WAYBILL_MESSAGING_MODE";

    /** How much to run: the full benchmark, or the smoke run of the test suite. */
    public record Scale(List<Integer> rates, int seconds, int saturationClients, int events, int eventBytes,
                        int batch, int peerThreads, int warmUpEvents, int warmUpSeconds) {
        static Scale fromProperties() {
            return new Scale(
                    java.util.Arrays.stream(System.getProperty("waybill.bench.rates", "2,5,10").split(","))
                            .map(String::trim).map(Integer::valueOf).toList(),
                    Integer.getInteger("waybill.bench.seconds", 120),
                    Integer.getInteger("waybill.bench.clients", 16),
                    Integer.getInteger("waybill.bench.events", 100_000),
                    1024, 100, Integer.getInteger("waybill.bench.peer-threads", 4), 20_000, 30);
        }

        /** Seconds, not minutes: that every part runs and reports, not how fast. */
        public static Scale smoke() {
            return new Scale(List.of(4), 5, 4, 1_000, 1024, 100, 2, 100, 2);
        }
    }

    /** Everything one run measured. */
    public record Report(Scale scale, Drain relay, Drain broker, Drain peer, List<EndToEnd.Result> outbox,
                         List<EndToEnd.Result> directXa) {
        boolean hasRelay() {
            return relay != null;
        }

        boolean hasEndToEnd() {
            return !outbox.isEmpty();
        }
    }

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("waybill.home")).toAbsolutePath();
        OwnStack stack = OwnStack.start(home, 3, Map.of(MODE, "at-least-once"));
        String parts = System.getProperty("waybill.bench.parts", "relay,end-to-end");
        Report report = run(stack, Scale.fromProperties(), parts.contains("relay"), parts.contains("end-to-end"));
        new ReportPrinter(System.out).print(report);
        System.exit(0);
    }

    public static Report run(OwnStack stack, Scale scale) throws Exception {
        return run(stack, scale, true, true);
    }

    private static Report run(OwnStack stack, Scale scale, boolean relayPart, boolean endToEndPart) throws Exception {
        ProcessStats processes = new ProcessStats(stack.settings().home());
        // Stock for every order the run places, so orders complete rather than being declined.
        stack.database().execute("UPDATE products SET stock_on_hand = stock_on_hand + 10000000 WHERE sku IN ('"
                + String.join("','", OrderClients.SKUS) + "')");

        Drain relay = null;
        Drain broker = null;
        Drain peer = null;
        if (relayPart) {
            // WildFly compiles the relay's path during its first minutes: the measured drain starts warm.
            System.out.printf("Warm-up (not measured): the relay drains %,d events%n", scale.warmUpEvents());
            inBenchQueue(stack, () -> new RelayDrain(stack, processes).run(scale.warmUpEvents(), scale.eventBytes()));
            System.out.printf("Relay alone: %,d events of %,d B each way%n", scale.events(), scale.eventBytes());
            relay = drain(stack, () -> new RelayDrain(stack, processes).run(scale.events(), scale.eventBytes()));
            broker = drain(stack, () -> new BrokerLimit(stack, processes).run(scale.events(), scale.eventBytes(),
                    scale.batch()));
            peer = drain(stack, () -> new PeerOutbox(stack, processes).run(scale.events(), scale.eventBytes(),
                    scale.peerThreads()));
        }
        List<EndToEnd.Result> outbox = List.of();
        List<EndToEnd.Result> directXa = List.of();
        if (endToEndPart) {
            outbox = endToEnd(new EndToEnd(stack, processes), "outbox", scale);
            stack.restartWildFly(Map.of(MODE, "direct-xa"));
            directXa = endToEnd(new EndToEnd(stack, processes), "direct-xa", scale);
            stack.restartWildFly(Map.of(MODE, "at-least-once"));
        }
        return new Report(scale, relay, broker, peer, outbox, directXa);
    }

    private interface Run {
        Drain drain() throws Exception;
    }

    /** One drain into an empty benchmark queue, printed as soon as it is done. */
    private static Drain drain(OwnStack stack, Run run) throws Exception {
        Drain drain = inBenchQueue(stack, run);
        System.out.printf("  %-60s %,8.0f events/s (%,d in the queue) %s%n", drain.name(), drain.eventsPerSecond(),
                drain.delivered(), ReportPrinter.usage(drain.usage()));
        return drain;
    }

    /** Runs a drain into an empty benchmark queue, deleted afterwards with its messages. */
    private static Drain inBenchQueue(OwnStack stack, Run run) throws Exception {
        var console = stack.stack().broker().console();
        console.createQueue(BenchEvents.QUEUE);
        try {
            return run.drain();
        } finally {
            console.destroyQueue(BenchEvents.QUEUE);
        }
    }

    /** The runs of one mode, after a warm-up (WildFly was just started or restarted). */
    private static List<EndToEnd.Result> endToEnd(EndToEnd endToEnd, String mode, Scale scale) {
        System.out.printf("Warm-up (not measured): %s, %d orders at a time for %d s%n", mode,
                scale.saturationClients(), scale.warmUpSeconds());
        endToEnd.atSaturation(mode + " warm-up", scale.saturationClients(), scale.warmUpSeconds());
        List<EndToEnd.Result> results = new ArrayList<>();
        for (int rate : scale.rates()) {
            results.add(report(endToEnd.atRate(mode + " " + rate + "/s", rate, scale.seconds())));
        }
        results.add(report(endToEnd.atSaturation(mode + " saturation", scale.saturationClients(), scale.seconds())));
        return results;
    }

    private static EndToEnd.Result report(EndToEnd.Result result) {
        System.out.printf("  %-24s %,6d placed, %,6d completed, %6.1f orders/s, p99 %,6d ms, outbox lag p99 %,6d ms%n",
                result.name(), result.placed(), result.completed(), result.completedPerSecond(), result.p99(),
                result.lagP99());
        return result;
    }
}

package org.waybill.bench;

import org.waybill.load.ProcessStats;
import org.waybill.load.ProcessStats.JvmThreads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Prints a benchmark report as tables, with the ratios to the baselines and where each target stands. */
final class ReportPrinter {
    /** Issue 17's baseline: the outbox mode at saturation on the build machine, 2026-11-27 (README). */
    private static final double BASELINE_PER_SECOND = 20.0;
    private static final long BASELINE_P99 = 1_119;
    private static final String BASELINE_DATE = "2026-11-27";
    private static final long LAG_TARGET_MILLIS = 25;
    private static final List<Integer> LAG_TARGET_RATES = List.of(10, 20);
    /** The servers whose CPU per order the end-to-end table gives (WildFly's nodes summed). */
    private static final List<String> PER_ORDER_SERVERS = List.of("WildFly", "Artemis", "PostgreSQL");

    private final PrintStream out;

    ReportPrinter(PrintStream out) {
        this.out = out;
    }

    void print(Benchmark.Report report) {
        out.println();
        out.println("Waybill benchmark on " + machine());
        if (report.hasRelay()) {
            relay(report);
        }
        if (report.hasEndToEnd()) {
            endToEnd(report);
        }
    }

    /**
     * Each round of relay and broker limit, their medians and spreads, the peer's drains, and the targets on the
     * medians: one round's pair says little, as the broker's limit moved by half between runs (issue 17).
     */
    void relay(Benchmark.Report report) {
        // Shares with one decimal: a whole percent rounds 69.7% up to a "70%" that is not met.
        List<Round> rounds = report.rounds();
        Drain first = rounds.get(0).relay().drain();
        out.printf("%nRelay alone: %,d events of %,d B into one durable queue; relay and broker limit interleaved, "
                + "%d round(s)%n", first.events(), report.scale().eventBytes(), rounds.size());
        out.printf("  relay: %s; broker limit: %s%n", first.name(), rounds.get(0).limit().name());
        out.printf("  %-7s %10s %13s %12s   %s%n", "round", "relay/s", "broker limit", "relay ÷ it",
                "CPU % of a core, RSS MiB");
        for (int i = 0; i < rounds.size(); i++) {
            Round round = rounds.get(i);
            out.printf("  %-7d %,10.0f %,13.0f %11.1f%%   relay: %s%n  %47s limit: %s%n", i + 1,
                    round.relay().drain().eventsPerSecond(), round.limit().eventsPerSecond(),
                    100 * round.relayShare(), usage(round.relay().drain().usage()), "", usage(round.limit().usage()));
        }
        Spread relay = Spread.of(rounds.stream().map(r -> r.relay().drain().eventsPerSecond()).toList());
        Spread limit = Spread.of(rounds.stream().map(r -> r.limit().eventsPerSecond()).toList());
        Spread share = Spread.of(rounds.stream().map(Round::relayShare).toList());
        double ofLimit = relay.median() / limit.median();
        out.printf("  %-7s %,10.0f %,13.0f %11.1f%%%n", "median", relay.median(), limit.median(), 100 * ofLimit);
        out.printf("  %-7s %10s %13s %12s%n", "spread", relay.range(), limit.range(),
                String.format("%.1f–%.1f%%", 100 * share.min(), 100 * share.max()));
        for (Drain peer : report.peers()) {
            out.printf("  %-47s %,10.0f events/s   %s%n", peer.name(), peer.eventsPerSecond(), usage(peer.usage()));
        }
        String againstPeer = "not measured (the peer did not run)";
        if (!report.peers().isEmpty()) {
            Spread peer = Spread.of(report.peers().stream().map(Drain::eventsPerSecond).toList());
            double overPeer = relay.median() / peer.median();
            againstPeer = String.format("%.2fx (%s)", overPeer, met(overPeer >= 1.5));
        }
        out.printf("  Target relay >= 70%% of the broker's limit (medians): %.1f%% (%s); >= 1.5x the peer (medians): "
                + "%s%n", 100 * ofLimit, met(ofLimit >= 0.7), againstPeer);
        nodes(report.relays());
    }

    /** Each node count's drain: throughput against the first count's, who published what, and any duplicate. */
    void nodes(List<RelayRun> runs) {
        RelayRun first = runs.get(0);
        out.printf("%nRelay on %s WildFly node(s), same broker and database, each count after its own warm-up%n",
                runs.stream().map(r -> Integer.toString(r.nodes())).collect(Collectors.joining(", ")));
        out.printf("  %5s %10s %8s   %s%n", "nodes", "events/s", "÷ first", "duplicates and order; CPU % of a core, RSS MiB");
        for (RelayRun run : runs) {
            out.printf("  %5d %,10.0f %8.2f   %s%n  %25s %s%n  %25s %s%n", run.nodes(), run.drain().eventsPerSecond(),
                    run.drain().eventsPerSecond() / first.drain().eventsPerSecond(), duplicates(run), "",
                    usage(run.drain().usage()), "", cpuPerEvent(run));
        }
        // Against every count of fewer nodes, before or after: a count measured again later (1,3,1) ran warmer.
        for (int m = 0; m < runs.size(); m++) {
            for (int f = 0; f < runs.size(); f++) {
                RelayRun more = runs.get(m);
                RelayRun fewer = runs.get(f);
                if (more.nodes() > fewer.nodes()) {
                    double ratio = more.drain().eventsPerSecond() / fewer.drain().eventsPerSecond();
                    out.printf("  Target %d nodes >= %d node(s) (count %d against count %d): %.0f%% (%s)%n",
                            more.nodes(), fewer.nodes(), m + 1, f + 1, 100 * ratio, met(ratio >= 1));
                }
            }
        }
        boolean clean = runs.stream().allMatch(r -> r.publishedTwice() == 0 && r.arrivals().duplicates() == 0
                && r.arrivals().received() == r.drain().events() && r.arrivals().outOfOrder() == 0);
        out.println("  Every event published once, received once, in its aggregate's order: " + (clean ? "yes" : "NO"));
    }

    /** What the relays' meters and the benchmark queue say about duplicates and per-aggregate order. */
    static String duplicates(RelayRun run) {
        Arrivals arrivals = run.arrivals();
        return String.format("published %,d for %,d events (%s), %,d published twice; queue received %,d, "
                        + "%,d distinct, %,d duplicates, %,d out of aggregate order",
                run.published(), run.drain().events(), run.publishedByNode().entrySet().stream()
                        .map(e -> String.format("%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", ")),
                run.publishedTwice(), arrivals.received(), arrivals.distinct(), arrivals.duplicates(),
                arrivals.outOfOrder());
    }

    private void endToEnd(Benchmark.Report report) {
        out.printf("%nEnd to end: orders placed over REST, each through inventory, payment, shipping and notification;"
                + " %d s per run%n", report.scale().seconds());
        out.printf("  %-24s %9s %7s %11s %7s %7s %7s %8s %8s %10s %9s   %-80s   %s%n", "run", "offered/s", "placed",
                "completed/s", "p50 ms", "p95 ms", "p99 ms", "lag p50", "lag p99", "relay p99", "REST p99",
                "CPU core-ms per completed order", "CPU % of a core, RSS MiB");
        List<List<EndToEnd.Result>> modes = new ArrayList<>(report.outboxPasses());
        modes.add(report.xaDeliveries());
        modes.add(report.directXa());
        for (List<EndToEnd.Result> mode : modes) {
            for (EndToEnd.Result r : mode) {
                out.printf("  %-24s %9s %,7d %11.1f %,7d %,7d %,7d %,8d %,8d %,10d %,9d   %-80s   %s%n", r.name(),
                        r.offered() > 0 ? String.format("%.0f", r.offered()) : "max", r.placed(),
                        r.completedPerSecond(), r.p50(), r.p95(), r.p99(), r.lagP50(), r.lagP99(), r.relayP99(),
                        r.acceptP99(), cpuPerOrder(r), usage(r.usage()));
            }
        }
        if (!report.outbox().isEmpty() && !report.xaDeliveries().isEmpty()) {
            againstXaDeliveries(report.outbox(), report.xaDeliveries());
        }
        if (!report.outbox().isEmpty() && !report.directXa().isEmpty()) {
            againstDirectXa(report.outbox(), report.directXa());
        }
        endToEndTargets(report.outbox());
        memoryBetweenPasses(report.outboxPasses());
    }

    /**
     * Each pass of the outbox runs against the pass before, on the same servers, with a target line per pair: a
     * server whose caches or heap fill once grows from pass 1 to 2 and levels off after; a leak grows in every pair.
     */
    private void memoryBetweenPasses(List<List<EndToEnd.Result>> passes) {
        for (int pass = 2; pass <= passes.size(); pass++) {
            List<EndToEnd.Result> before = passes.get(pass - 2);
            List<EndToEnd.Result> after = passes.get(pass - 1);
            MemoryGrowth rss = MemoryGrowth.between(before, after, ProcessStats.Usage::rssMiB);
            MemoryGrowth pss = MemoryGrowth.between(before, after, ProcessStats.Usage::pssMiB);
            out.printf("  Memory after pass %d and pass %d of the outbox runs, same servers, MiB, RSS: %s%n", pass - 1,
                    pass, rss.describe());
            out.printf("  %74s %s%n", "PSS:", pss.describe());
            // Where the PSS went: PostgreSQL's buffers filling, new backends, or processes' own memory growing.
            out.printf("  %74s %s%n", "PSS in shared memory:",
                    MemoryGrowth.between(before, after, ProcessStats.Usage::sharedPssMiB).describe());
            out.printf("  %74s %s%n", "PSS private to its processes:",
                    MemoryGrowth.between(before, after, ProcessStats.Usage::privatePssMiB).describe());
            out.printf("  %74s %s%n", "processes (not MiB):",
                    MemoryGrowth.between(before, after, ProcessStats.Usage::processes).describe());
            out.printf("  %74s %s%n", "JVMs' heap after a full collection:",
                    MemoryGrowth.ofHeapBetween(before, after).describe());
            out.printf("  Target no growth between two consecutive passes, %d -> %d (each server within %.0f%%): "
                    + "by RSS %s, by PSS %s%n", pass - 1, pass, 100 * MemoryGrowth.TOLERANCE, met(!rss.grew()),
                    met(!pss.grew()));
        }
    }

    /** What leaving XA out of the deliveries changed, run by run: the same runs, deliveries in XA as before. */
    private void againstXaDeliveries(List<EndToEnd.Result> outbox, List<EndToEnd.Result> xaDeliveries) {
        out.println("  Deliveries without XA ÷ in XA (completed/s; p99 latency; lag p99; WildFly CPU per order):");
        for (int i = 0; i < Math.min(outbox.size(), xaDeliveries.size()); i++) {
            EndToEnd.Result o = outbox.get(i);
            EndToEnd.Result xa = xaDeliveries.get(i);
            out.printf("    %-20s %.2f; %.2f; %.2f; %.2f%n", o.name().replace("outbox ", ""),
                    o.completedPerSecond() / xa.completedPerSecond(), (double) o.p99() / Math.max(1, xa.p99()),
                    (double) o.lagP99() / Math.max(1, xa.lagP99()),
                    coreMillisPerOrder(o).getOrDefault("WildFly", Double.NaN)
                            / coreMillisPerOrder(xa).getOrDefault("WildFly", Double.NaN));
        }
    }

    /** Each run of the outbox mode against the direct-XA run at the same rate (the modes run the same rates). */
    private void againstDirectXa(List<EndToEnd.Result> outbox, List<EndToEnd.Result> directXa) {
        out.println("  Outbox ÷ direct XA (completed/s; p99 latency):");
        for (int i = 0; i < Math.min(outbox.size(), directXa.size()); i++) {
            EndToEnd.Result o = outbox.get(i);
            EndToEnd.Result direct = directXa.get(i);
            double ratio = o.completedPerSecond() / direct.completedPerSecond();
            out.printf("    %-20s %.2f; %.2f%s%n", o.name().replace("outbox ", ""), ratio,
                    (double) o.p99() / Math.max(1, direct.p99()),
                    o.offered() == 0 ? "   (target >= 0.9: " + met(ratio >= 0.9) + ")" : "");
        }
    }

    /** Issue 17's end-to-end targets, against the outbox mode's saturation run of 2026-11-27. */
    private void endToEndTargets(List<EndToEnd.Result> outbox) {
        double target = 2 * BASELINE_PER_SECOND;
        out.printf("  Target saturation >= %.1f completed orders/s (2x the %.1f of %s) with p99 <= %,d ms: %s%n", target,
                BASELINE_PER_SECOND, BASELINE_DATE, BASELINE_P99, outbox.stream().filter(r -> r.offered() == 0)
                        .findFirst().map(r -> String.format("%.1f orders/s, p99 %,d ms (%s)", r.completedPerSecond(),
                                r.p99(), met(r.completedPerSecond() >= target && r.p99() <= BASELINE_P99)))
                        .orElse("not measured"));
        for (int rate : LAG_TARGET_RATES) {
            out.printf("  Target outbox lag p99 <= %d ms at %d orders/s: %s%n", LAG_TARGET_MILLIS, rate, outbox.stream()
                    .filter(r -> r.offered() == rate).findFirst()
                    .map(r -> r.lagP99() + " ms (" + met(r.lagP99() <= LAG_TARGET_MILLIS) + ")")
                    .orElse("not measured (" + rate + "/s not among the rates)"));
        }
    }

    /**
     * Each server's CPU per completed order over a run, in milliseconds of one core (the WildFly nodes together):
     * CPU % / 100 x the run's seconds / completed orders x 1,000; of a JVM's, in brackets, its JIT compilers' and its
     * garbage collector's share ({@link JvmThreads}).
     */
    static String cpuPerOrder(EndToEnd.Result r) {
        Map<String, Map<JvmThreads, Double>> jvmThreads = jvmThreadsPerOrder(r);
        return coreMillisPerOrder(r).entrySet().stream().map(e -> e.getValue().isNaN() ? e.getKey() + " -"
                : String.format("%s %.1f", e.getKey(), e.getValue()) + ofWhich(jvmThreads.get(e.getKey())))
                .collect(Collectors.joining(", "));
    }

    private static String ofWhich(Map<JvmThreads, Double> jvmThreads) {
        return jvmThreads == null ? "" : jvmThreads.entrySet().stream()
                .map(e -> String.format("%s %.1f", e.getKey(), e.getValue())).collect(Collectors.joining(", ", " (", ")"));
    }

    /** Core-milliseconds per completed order of WildFly (its nodes together), Artemis and PostgreSQL. */
    static Map<String, Double> coreMillisPerOrder(EndToEnd.Result r) {
        return perOrder(r, ProcessStats.Usage::cpuPercent);
    }

    /** Of each JVM server's core-milliseconds per completed order, its JIT compilers' and its collector's. */
    static Map<String, Map<JvmThreads, Double>> jvmThreadsPerOrder(EndToEnd.Result r) {
        Map<String, Map<JvmThreads, Double>> split = new LinkedHashMap<>();
        for (JvmThreads kind : JvmThreads.values()) {
            perOrder(r, u -> u.jvmThreadsPercent().get(kind)).forEach((server, millis) -> split
                    .computeIfAbsent(server, s -> new EnumMap<>(JvmThreads.class)).put(kind, millis));
        }
        return split;
    }

    /** A share of a core per server (null: none read) as core-milliseconds per completed order. */
    private static Map<String, Double> perOrder(EndToEnd.Result r, Function<ProcessStats.Usage, Double> percent) {
        Map<String, Double> coreSeconds = new LinkedHashMap<>();
        for (ProcessStats.Usage u : r.usage()) {
            String server = u.server().split(" ")[0];
            Double share = percent.apply(u);
            if (PER_ORDER_SERVERS.contains(server) && share != null) {
                coreSeconds.merge(server, share / 100 * r.seconds(), Double::sum);
            }
        }
        coreSeconds.replaceAll((server, seconds) -> r.completed() == 0 ? Double.NaN : seconds / r.completed() * 1_000);
        return coreSeconds;
    }

    /**
     * Each server's CPU per event of the drain, in microseconds of one core; a node's per the events it published
     * itself, so a node that is still warming up (compiling) stands out against the others.
     */
    static String cpuPerEvent(RelayRun run) {
        Drain drain = run.drain();
        return "CPU µs per event: " + drain.usage().stream().filter(u -> u.cpuPercent() > 0).map(u -> {
            long events = run.publishedByNode().entrySet().stream().filter(e -> u.server().endsWith(" " + e.getKey()))
                    .mapToLong(Map.Entry::getValue).findFirst().orElse(drain.events());
            return events == 0 ? u.server() + " (published none)"
                    : String.format("%s %,.0f", u.server(), u.cpuPercent() / 100 * drain.seconds() / events * 1e6);
        }).collect(Collectors.joining(", "));
    }

    static String usage(List<ProcessStats.Usage> usage) {
        return usage.stream().map(u -> String.format("%s %.0f%% %,d", u.server(), u.cpuPercent(), u.rssMiB()))
                .collect(Collectors.joining(", "));
    }

    private static String met(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static String machine() {
        return String.format("%d cores (%s), %.0f GiB, Java %s, %s", Runtime.getRuntime().availableProcessors(),
                procLine("/proc/cpuinfo", "model name"), procLine("/proc/meminfo", "MemTotal").isEmpty() ? 0
                        : Long.parseLong(procLine("/proc/meminfo", "MemTotal").replaceAll("\\D", "")) / 1048576.0,
                System.getProperty("java.version"), java.time.LocalDate.now()) + autogroup();
    }

    /**
     * Whether the kernel schedules by autogroup (one group per session, sharing the cores fairly between groups).
     * Every PostgreSQL backend starts a session of its own, so with it on they weigh as many groups as there are
     * busy backends against one for WildFly with all its threads: on the build machine saturation was 52.3
     * orders/s with it off against 35.2 with it on, one run each (docs/performance-log.md, "Where the lag's outliers
     * come from").
     */
    private static String autogroup() {
        try {
            String enabled = Files.readString(Path.of("/proc/sys/kernel/sched_autogroup_enabled")).trim();
            return ", scheduler autogroup " + ("0".equals(enabled) ? "off" : "on");
        } catch (IOException e) {
            return "";
        }
    }

    private static String procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}

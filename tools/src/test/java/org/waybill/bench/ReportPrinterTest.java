package org.waybill.bench;

import org.junit.jupiter.api.Test;
import org.waybill.load.ProcessStats;
import org.waybill.load.ProcessStats.JvmThreads;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportPrinterTest {
    /** 10 s for 100,000 events: a node at 50% of a core that published 25,000 spent 200 µs on each of its own. */
    @Test
    void aNodesCpuPerEventCountsTheEventsItPublished() {
        Map<String, Long> published = new LinkedHashMap<>();
        published.put("waybill-1", 75_000L);
        published.put("waybill-2", 25_000L);
        Drain drain = new Drain("relay", 100_000, 10.0, 100_000, List.of(
                new ProcessStats.Usage("WildFly waybill-1", 75, 800),
                new ProcessStats.Usage("WildFly waybill-2", 50, 800),
                new ProcessStats.Usage("load balancer", 0, 200),
                new ProcessStats.Usage("PostgreSQL", 80, 900)));
        RelayRun run = new RelayRun(2, drain, published, new Arrivals(100_000, 100_000, 0));

        assertEquals("CPU µs per event: WildFly waybill-1 100, WildFly waybill-2 200, PostgreSQL 80",
                ReportPrinter.cpuPerEvent(run));
    }

    /** Counts 1, 3, 1: the 3 nodes against both single-node counts, the second of which ran warmer. */
    @Test
    void moreNodesAreHeldAgainstEveryCountOfFewer() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new ReportPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8)).nodes(List.of(
                drained(1, 5.0), drained(3, 4.0), drained(1, 3.0)));
        String table = printed.toString(StandardCharsets.UTF_8);

        assertTrue(table.contains("Target 3 nodes >= 1 node(s) (count 2 against count 1): 125% (met)"), table);
        assertTrue(table.contains("Target 3 nodes >= 1 node(s) (count 2 against count 3): 75% (NOT met)"), table);
    }

    private static RelayRun drained(int nodes, double seconds) {
        return new RelayRun(nodes, new Drain("relay", 100_000, seconds, 100_000, List.of()),
                Map.of("waybill-1", 100_000L), new Arrivals(100_000, 100_000, 0));
    }

    /**
     * 100 s, 2,000 completed orders: WildFly at 150% of a core spent 150 core-s, 75 core-ms per order; two nodes count
     * together.
     */
    @Test
    void cpuPerOrderIsCoreMillisecondsOfEachServer() {
        EndToEnd.Result run = result("outbox saturation", 0, 2_000, 100.0, 20.0, 1_000, 20, List.of(
                new ProcessStats.Usage("WildFly waybill-1", 100, 800),
                new ProcessStats.Usage("WildFly waybill-2", 50, 800),
                new ProcessStats.Usage("load balancer", 5, 200),
                new ProcessStats.Usage("Artemis", 30, 500),
                new ProcessStats.Usage("PostgreSQL", 40, 900),
                new ProcessStats.Usage(ProcessStats.SELF, 10, 300)));

        assertEquals("WildFly 75.0, Artemis 15.0, PostgreSQL 20.0", ReportPrinter.cpuPerOrder(run));
    }

    /**
     * As above, with the JVMs' compiler and collector threads read: node 1's JIT at 10% and GC at 2% of a core, node
     * 2's JIT at 5% (its collector not read), Artemis's JIT and GC at 1% each, over 100 s and 2,000 orders.
     */
    @Test
    void cpuPerOrderNamesTheJitsAndTheCollectorsShareOfEachJvm() {
        EndToEnd.Result run = result("outbox saturation", 0, 2_000, 100.0, 20.0, 1_000, 20, List.of(
                new ProcessStats.Usage("WildFly waybill-1", 100, 800, 0, 0, 1, Map.of(JvmThreads.JIT, 10.0,
                        JvmThreads.GC, 2.0)),
                new ProcessStats.Usage("WildFly waybill-2", 50, 800, 0, 0, 1, Map.of(JvmThreads.JIT, 5.0)),
                new ProcessStats.Usage("Artemis", 30, 500, 0, 0, 1, Map.of(JvmThreads.JIT, 1.0, JvmThreads.GC, 1.0)),
                new ProcessStats.Usage("PostgreSQL", 40, 900, 0, 0, 30, Map.of())));

        assertEquals("WildFly 75.0 (JIT 7.5, GC 1.0), Artemis 15.0 (JIT 0.5, GC 0.5), PostgreSQL 20.0",
                ReportPrinter.cpuPerOrder(run));
    }

    /** Only the outbox mode ran: no comparison with direct XA, and the targets of issue 17. */
    @Test
    void anOutboxOnlyRunPrintsItsTargetsAndNoComparison() {
        List<EndToEnd.Result> outbox = List.of(
                result("outbox 10/s", 10, 1_200, 120.0, 10.0, 245, 24, List.of()),
                result("outbox 20/s", 20, 2_400, 120.0, 20.0, 400, 31, List.of()),
                result("outbox saturation", 0, 4_900, 120.0, 41.0, 1_100, 500, List.of()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new ReportPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8)).print(new Benchmark.Report(
                Benchmark.Scale.smoke(), List.of(), List.of(), List.of(), List.of(outbox), List.of(), List.of()));
        String table = printed.toString(StandardCharsets.UTF_8);

        assertFalse(table.contains("direct XA"), table);
        assertTrue(table.contains("Target saturation >= 40.0 completed orders/s (2x the 20.0 of 2026-11-27) with p99 "
                + "<= 1,119 ms: 41.0 orders/s, p99 1,100 ms (met)"), table);
        assertTrue(table.contains("Target outbox lag p99 <= 25 ms at 10 orders/s: 24 ms (met)"), table);
        assertTrue(table.contains("Target outbox lag p99 <= 25 ms at 20 orders/s: 31 ms (NOT met)"), table);
    }

    @Test
    void aSaturationSlowerThanTheBaselineInP99MissesTheTarget() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new ReportPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8)).print(new Benchmark.Report(
                Benchmark.Scale.smoke(), List.of(), List.of(), List.of(),
                List.of(List.of(result("outbox saturation", 0, 5_000, 120.0, 45.0, 1_200, 500, List.of()))),
                List.of(), List.of()));
        String table = printed.toString(StandardCharsets.UTF_8);

        assertTrue(table.contains("45.0 orders/s, p99 1,200 ms (NOT met)"), table);
        assertTrue(table.contains("Target outbox lag p99 <= 25 ms at 10 orders/s: not measured (10/s not among the "
                + "rates)"), table);
    }

    /** The same runs with the deliveries in XA, as before: each ratio is the new figure over the old. */
    @Test
    void deliveriesWithoutXaAreComparedRunByRunWithDeliveriesInXa() {
        List<ProcessStats.Usage> lighter = List.of(new ProcessStats.Usage("WildFly", 90, 800));
        List<ProcessStats.Usage> heavier = List.of(new ProcessStats.Usage("WildFly", 120, 800));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new ReportPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8)).print(new Benchmark.Report(
                Benchmark.Scale.smoke(), List.of(), List.of(), List.of(),
                List.of(List.of(result("outbox saturation", 0, 3_600, 120.0, 30.0, 800, 40, lighter))),
                List.of(result("outbox-xa-deliveries saturation", 0, 2_400, 120.0, 20.0, 1_000, 50, heavier)),
                List.of()));
        String table = printed.toString(StandardCharsets.UTF_8);

        // WildFly: 108 core-s ÷ 3,600 orders = 30.0 ms per order, against 144 ÷ 2,400 = 60.0 ms.
        assertTrue(table.contains("    saturation           1.50; 0.80; 0.80; 0.50"), table);
        assertFalse(table.contains("direct XA"), table);
    }

    /**
     * The outbox runs twice on the same servers: memory compares the end of each pass, WildFly's nodes summed, by RSS
     * and by PSS (PostgreSQL's summed RSS counts shared buffers once per backend, so it can grow where PSS does not).
     */
    @Test
    void aSecondPassOfTheOutboxRunsComparesMemory() {
        List<ProcessStats.Usage> after = List.of(new ProcessStats.Usage("WildFly waybill-1", 90, 400, 390),
                new ProcessStats.Usage("WildFly waybill-2", 90, 400, 390), new ProcessStats.Usage("Artemis", 30, 500, 490),
                new ProcessStats.Usage("PostgreSQL", 40, 1_000, 300));
        List<ProcessStats.Usage> grown = List.of(new ProcessStats.Usage("WildFly waybill-1", 90, 400, 390),
                new ProcessStats.Usage("WildFly waybill-2", 90, 440, 429), new ProcessStats.Usage("Artemis", 30, 510, 500),
                new ProcessStats.Usage("PostgreSQL", 40, 990, 297));
        String steady = printed(after, after);
        String growing = printed(after, grown);

        assertTrue(steady.contains("same servers, MiB, RSS: WildFly 800 -> 800 (+0.0%), Artemis 500 -> 500 (+0.0%), "
                + "PostgreSQL 1,000 -> 1,000 (+0.0%)"), steady);
        assertTrue(steady.contains("PSS: WildFly 780 -> 780 (+0.0%), Artemis 490 -> 490 (+0.0%), PostgreSQL 300 -> 300 "
                + "(+0.0%)"), steady);
        assertTrue(steady.contains("Target no growth between two consecutive passes, 1 -> 2 (each server within 5%): "
                + "by RSS met, by PSS met"), steady);
        assertTrue(growing.contains("WildFly 800 -> 840 (+5.0%), Artemis 500 -> 510 (+2.0%), PostgreSQL 1,000 -> 990 "
                + "(-1.0%)"), growing);
        assertTrue(growing.contains("(each server within 5%): by RSS met, by PSS met"), "5.0% is within: " + growing);
        String sharedBuffersTouched = printed(after, List.of(new ProcessStats.Usage("WildFly", 90, 800, 780),
                new ProcessStats.Usage("Artemis", 30, 500, 490), new ProcessStats.Usage("PostgreSQL", 40, 1_600, 310)));
        assertTrue(sharedBuffersTouched.contains("PostgreSQL 1,000 -> 1,600 (+60.0%)"), sharedBuffersTouched);
        assertTrue(sharedBuffersTouched.contains("(each server within 5%): by RSS NOT met, by PSS met"),
                sharedBuffersTouched);
        String grownMore = printed(after, List.of(new ProcessStats.Usage("WildFly", 90, 841, 820),
                new ProcessStats.Usage("Artemis", 30, 500, 490), new ProcessStats.Usage("PostgreSQL", 40, 1_000, 300)));
        assertTrue(grownMore.contains("(each server within 5%): by RSS NOT met, by PSS NOT met"), grownMore);
    }

    /**
     * Three passes: PostgreSQL grows from the first to the second (its caches filling) and levels off in the third.
     * Each pair has its own lines and target, so the first pair's growth stays in the report beside the levelling off.
     */
    @Test
    void everyPairOfConsecutivePassesComparesMemory() {
        List<ProcessStats.Usage> first = List.of(new ProcessStats.Usage("WildFly", 90, 800, 780),
                new ProcessStats.Usage("Artemis", 30, 500, 490), new ProcessStats.Usage("PostgreSQL", 40, 1_000, 243));
        List<ProcessStats.Usage> filled = List.of(new ProcessStats.Usage("WildFly", 90, 800, 780),
                new ProcessStats.Usage("Artemis", 30, 500, 490), new ProcessStats.Usage("PostgreSQL", 40, 1_100, 276));
        List<ProcessStats.Usage> level = List.of(new ProcessStats.Usage("WildFly", 90, 804, 784),
                new ProcessStats.Usage("Artemis", 30, 500, 490), new ProcessStats.Usage("PostgreSQL", 40, 1_110, 280));
        String report = printed(first, filled, level);

        assertTrue(report.contains("  outbox pass 3 saturation "), report);
        assertTrue(report.contains("Memory after pass 1 and pass 2 of the outbox runs, same servers, MiB, RSS: "
                + "WildFly 800 -> 800 (+0.0%), Artemis 500 -> 500 (+0.0%), PostgreSQL 1,000 -> 1,100 (+10.0%)"), report);
        assertTrue(report.contains("PSS: WildFly 780 -> 780 (+0.0%), Artemis 490 -> 490 (+0.0%), PostgreSQL 243 -> 276 "
                + "(+13.6%)"), report);
        assertTrue(report.contains("Target no growth between two consecutive passes, 1 -> 2 (each server within 5%): "
                + "by RSS NOT met, by PSS NOT met"), report);
        assertTrue(report.contains("Memory after pass 2 and pass 3 of the outbox runs, same servers, MiB, RSS: "
                + "WildFly 800 -> 804 (+0.5%), Artemis 500 -> 500 (+0.0%), PostgreSQL 1,100 -> 1,110 (+0.9%)"), report);
        assertTrue(report.contains("PSS: WildFly 780 -> 784 (+0.5%), Artemis 490 -> 490 (+0.0%), PostgreSQL 276 -> 280 "
                + "(+1.4%)"), report);
        assertTrue(report.contains("Target no growth between two consecutive passes, 2 -> 3 (each server within 5%): "
                + "by RSS met, by PSS met"), report);
    }

    /**
     * PostgreSQL's PSS split into its shared memory (buffers touched) and its processes' own, with the processes
     * counted: here the growth is buffers touched and one backend more, while each server's own memory stayed put.
     */
    @Test
    void theGrowthIsSplitIntoSharedMemoryPrivateMemoryAndProcesses() {
        List<ProcessStats.Usage> first = List.of(new ProcessStats.Usage("WildFly", 90, 800, 780, 0, 2),
                new ProcessStats.Usage("Artemis", 30, 500, 490, 0, 2),
                new ProcessStats.Usage("PostgreSQL", 40, 2_000, 250, 100, 20));
        List<ProcessStats.Usage> second = List.of(new ProcessStats.Usage("WildFly", 90, 800, 780, 0, 2),
                new ProcessStats.Usage("Artemis", 30, 500, 490, 0, 2),
                new ProcessStats.Usage("PostgreSQL", 40, 2_400, 285, 130, 21));
        String report = printed(first, second);

        assertTrue(report.contains("PSS in shared memory: WildFly 0 -> 0 (+0.0%), Artemis 0 -> 0 (+0.0%), "
                + "PostgreSQL 100 -> 130 (+30.0%)"), report);
        assertTrue(report.contains("PSS private to its processes: WildFly 780 -> 780 (+0.0%), Artemis 490 -> 490 "
                + "(+0.0%), PostgreSQL 150 -> 155 (+3.3%)"), report);
        assertTrue(report.contains("processes (not MiB): WildFly 2 -> 2 (+0.0%), Artemis 2 -> 2 (+0.0%), PostgreSQL "
                + "20 -> 21 (+5.0%)"), report);
        assertTrue(report.contains("by RSS NOT met, by PSS NOT met"), report);
    }

    @Test
    void theFirstPassKeepsTheModesNameSoItsTargetsStillJudgeIt() {
        assertEquals(List.of("outbox", "outbox pass 2", "outbox pass 3"),
                List.of(Benchmark.outboxPass(1), Benchmark.outboxPass(2), Benchmark.outboxPass(3)));
    }

    /** The report of outbox passes that each end with a saturation run of the given servers' usage. */
    @SafeVarargs
    private static String printed(List<ProcessStats.Usage>... usageAtEnd) {
        List<List<EndToEnd.Result>> passes = new ArrayList<>();
        for (List<ProcessStats.Usage> usage : usageAtEnd) {
            passes.add(List.of(result(Benchmark.outboxPass(passes.size() + 1) + " saturation", 0, 3_600, 120.0, 30.0,
                    800, 40, usage)));
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new ReportPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8)).print(new Benchmark.Report(
                Benchmark.Scale.smoke(), List.of(), List.of(), List.of(), passes, List.of(), List.of()));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static EndToEnd.Result result(String name, double offered, int completed, double seconds,
                                          double perSecond, long p99, long lagP99, List<ProcessStats.Usage> usage) {
        return new EndToEnd.Result(name, offered, completed, completed, 0, seconds, perSecond, p99 / 2, p99, p99,
                lagP99 / 2, lagP99, lagP99, 50, usage, Map.of());
    }

    /** A saturation run that read the JVMs' heap after a full collection. */
    private static List<EndToEnd.Result> passEndingWithHeap(Map<String, Long> heapMiB) {
        return List.of(new EndToEnd.Result("outbox saturation", 0, 3_600, 3_600, 0, 120.0, 30.0, 400, 700, 800, 20, 40,
                40, 50, List.of(new ProcessStats.Usage("WildFly", 90, 800)), heapMiB));
    }

    /**
     * The heap after a full collection is what a leak grows: compared per server, WildFly's nodes summed, and counted
     * as growth beyond the same tolerance; a pass that did not read it says so.
     */
    @Test
    void theHeapAfterAFullCollectionIsComparedPerServer() {
        MemoryGrowth leaking = MemoryGrowth.ofHeapBetween(
                passEndingWithHeap(Map.of("WildFly waybill-1", 200L, "WildFly waybill-2", 210L, "Artemis", 90L)),
                passEndingWithHeap(Map.of("WildFly waybill-1", 205L, "WildFly waybill-2", 225L, "Artemis", 120L)));
        MemoryGrowth steady = MemoryGrowth.ofHeapBetween(passEndingWithHeap(Map.of("Artemis", 90L)),
                passEndingWithHeap(Map.of("Artemis", 94L)));

        assertTrue(leaking.describe().contains("WildFly 410 -> 430 (+4.9%)"), leaking.describe());
        assertTrue(leaking.describe().contains("Artemis 90 -> 120 (+33.3%)"), leaking.describe());
        assertTrue(leaking.grew());
        assertFalse(steady.grew(), steady.describe());
        assertEquals("not read", MemoryGrowth.ofHeapBetween(passEndingWithHeap(Map.of()),
                passEndingWithHeap(Map.of())).describe());
    }

    /**
     * Issue 17's three runs: the limit moved from 3,964 to 9,013 events/s, so each round's ratio says little; the
     * target holds the relay's median against the limit's.
     */
    @Test
    void theRelayTargetsCompareMedians() {
        List<Round> rounds = List.of(round(2_814, 6_591), round(2_982, 3_964), round(2_885, 9_013));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new ReportPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8)).relay(new Benchmark.Report(
                Benchmark.Scale.smoke(), List.of(rounds.get(0).relay()), rounds,
                List.of(new Drain("peer", 100_000, 100_000 / 681.0, 100_000, List.of())), List.of(), List.of(),
                List.of()));
        String table = printed.toString(StandardCharsets.UTF_8);

        assertTrue(table.contains("relay: relay; broker limit: limit"), table);
        assertTrue(table.contains("median       2,885         6,591        43.8%"), table);
        assertTrue(table.contains("spread  2,814–2,982   3,964–9,013   32.0–75.2%"), table);
        assertTrue(table.contains("Target relay >= 70% of the broker's limit (medians): 43.8% (NOT met); >= 1.5x the "
                + "peer (medians): 4.24x (met)"), table);
    }

    /**
     * A share just under the target reads as under it (9,353 of 13,413 events/s is 69.7%, which a whole percent rounded
     * to "70% (NOT met)"), and a run without the peer says so instead of failing to print its report.
     */
    @Test
    void aShareJustUnderTheTargetReadsAsUnderItAndNoPeerIsNotMeasured() {
        List<Round> rounds = List.of(round(9_353, 13_413));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new ReportPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8)).relay(new Benchmark.Report(
                Benchmark.Scale.smoke(), List.of(rounds.get(0).relay()), rounds, List.of(), List.of(), List.of(),
                List.of()));
        String table = printed.toString(StandardCharsets.UTF_8);

        assertTrue(table.contains("Target relay >= 70% of the broker's limit (medians): 69.7% (NOT met); >= 1.5x the "
                + "peer (medians): not measured (the peer did not run)"), table);
        assertTrue(table.contains("69.7%   relay:"), "the round's share: " + table);
        assertTrue(table.contains("median       9,353        13,413        69.7%"), table);
        assertTrue(table.contains("69.7–69.7%"), "the spread: " + table);
    }

    @Test
    void aMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(new Spread(2.5, 1, 9), Spread.of(List.of(9.0, 1.0, 3.0, 2.0)));
    }

    private static Round round(double relay, double limit) {
        return new Round(new RelayRun(1, new Drain("relay", 100_000, 100_000 / relay, 100_000, List.of()),
                Map.of("waybill-1", 100_000L), new Arrivals(100_000, 100_000, 0)),
                new Drain("limit", 100_000, 100_000 / limit, 100_000, List.of()));
    }
}

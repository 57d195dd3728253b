package org.waybill.bench;

import org.junit.jupiter.api.Test;
import org.waybill.load.OwnStack;
import org.waybill.load.ProcessStats;
import org.waybill.stack.ServerLog;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark at a tiny scale, on a stack of its own, so that it keeps working: every part runs, moves every
 * event and order it was given, and the report has every figure. It asserts no speed.
 */
class BenchmarkSmokeIT {
    @Test
    void everyPartRunsAndReportsEveryFigure() throws Exception {
        Benchmark.Report report;
        try (OwnStack stack = OwnStack.start(Path.of("target/bench-smoke-stack").toAbsolutePath(), 4,
                Map.of("WAYBILL_MESSAGING_MODE", "at-least-once"))) {
            report = Benchmark.run(stack, Benchmark.Scale.smoke());
            // The XA deliveries' half really ran its deliveries in XA, through the system property.
            String log = ServerLog.text(stack.stack().node(1).serverLog());
            assertTrue(log.contains("payment receives its deliveries without a transaction, acknowledged after the step"
                    + " (messaging mode at-least-once)"), "outbox: deliveries without XA");
            assertTrue(log.contains("payment receives its deliveries in an XA transaction with the broker's session, "
                    + "which the messaging mode at-least-once does not expect"), "outbox-xa-deliveries: in XA");
        }

        for (Drain drain : List.of(report.relay(), report.broker(), report.peer())) {
            assertEquals(drain.events(), drain.delivered(), drain.name() + ": every event in the queue, once");
            assertTrue(drain.seconds() > 0, drain.name());
            assertUsage(drain.name(), drain.usage());
        }
        for (RelayRun run : report.relays()) {
            assertEquals(Map.of("waybill-1", (long) run.drain().events()), run.publishedByNode(),
                    "the relay's meter counts every event once");
            assertEquals(new Arrivals(run.drain().events(), run.drain().events(), 0), run.arrivals(),
                    "the queue received every event once, each aggregate's in order");
        }
        Stream.of(report.outbox(), report.xaDeliveries(), report.directXa()).forEach(results -> {
            assertEquals(Benchmark.Scale.smoke().rates().size() + 1, results.size(), "a run per rate, and saturation");
            for (EndToEnd.Result r : results) {
                assertTrue(r.placed() > 0, r.name() + " placed orders");
                assertEquals(0, r.refused(), r.name() + ": no order refused");
                assertEquals(r.placed(), r.completed(), r.name() + ": every order completed");
                assertTrue(r.completedPerSecond() > 0 && r.p50() > 0 && r.p50() <= r.p95() && r.p95() <= r.p99(),
                        r.name() + " latencies " + r);
                assertTrue(r.lagP50() > 0 && r.lagP50() <= r.lagP99(), r.name() + " outbox lag " + r);
                assertTrue(r.acceptP99() > 0, r.name() + " REST latency " + r);
                assertUsage(r.name(), r.usage());
            }
        });
        for (EndToEnd.Result r : Stream.concat(report.outbox().stream(), report.xaDeliveries().stream()).toList()) {
            assertTrue(r.relayP99() > 0, r.name() + ": the relay's share of the lag " + r);
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new ReportPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8)).print(report);
        String tables = printed.toString(StandardCharsets.UTF_8);
        System.out.println(tables);
        for (String part : List.of("Relay alone", "Broker limit", "Peer: gruelbox", "End to end", "outbox saturation",
                "direct-xa saturation", "Outbox ÷ direct XA", "outbox-xa-deliveries saturation",
                "Deliveries without XA ÷ in XA", "Target relay >= 70%", "Target outbox lag p99",
                "Relay on 1 WildFly node(s)", "Every event published once, received once, in its aggregate's order: yes")) {
            assertTrue(tables.contains(part), "the report shows " + part);
        }
    }

    private static void assertUsage(String run, List<ProcessStats.Usage> usage) {
        assertEquals(List.of("WildFly", "Artemis", "PostgreSQL", ProcessStats.SELF),
                usage.stream().map(ProcessStats.Usage::server).toList(), run);
        usage.forEach(u -> assertTrue(u.cpuPercent() >= 0 && u.rssMiB() > 0, run + ": " + u));
    }
}

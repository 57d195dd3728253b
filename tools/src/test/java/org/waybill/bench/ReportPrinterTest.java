package org.waybill.bench;

import org.junit.jupiter.api.Test;
import org.waybill.load.ProcessStats;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}

package org.waybill.bench;

import org.junit.jupiter.api.Test;
import org.waybill.load.ProcessStats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

package org.waybill.bench;

import org.waybill.load.ProcessStats;
import java.util.List;

/** One way of moving a number of events into the broker, and how fast it went. */
record Drain(String name, int events, double seconds, long delivered, List<ProcessStats.Usage> usage) {
    double eventsPerSecond() {
        return events / seconds;
    }
}

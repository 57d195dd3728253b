package org.waybill.bench;

import org.waybill.load.ProcessStats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Whether the stack's memory grew from one pass of the same end-to-end runs to the next, on the same servers (issue
 * 17: no growth between two consecutive runs). Each pass's figure is read at the end of its last run (saturation),
 * WildFly's nodes summed: RSS, or PSS, which counts PostgreSQL's shared buffers once rather than once per backend
 * ({@link ProcessStats.Usage}). A JVM's memory moves a little with its collector, so growth counts beyond
 * {@link #TOLERANCE}.
 */
record MemoryGrowth(Map<String, Long> first, Map<String, Long> second) {
    static final double TOLERANCE = 0.05;
    private static final List<String> SERVERS = List.of("WildFly", "Artemis", "PostgreSQL");

    static MemoryGrowth between(List<EndToEnd.Result> first, List<EndToEnd.Result> second,
                                ToLongFunction<ProcessStats.Usage> mib) {
        return new MemoryGrowth(atEnd(first, mib), atEnd(second, mib));
    }

    private static Map<String, Long> atEnd(List<EndToEnd.Result> pass, ToLongFunction<ProcessStats.Usage> mib) {
        Map<String, Long> memory = new LinkedHashMap<>();
        for (ProcessStats.Usage u : pass.get(pass.size() - 1).usage()) {
            String server = u.server().split(" ")[0];
            if (SERVERS.contains(server)) {
                memory.merge(server, mib.applyAsLong(u), Long::sum);
            }
        }
        return memory;
    }

    boolean grew() {
        return first.entrySet().stream()
                .anyMatch(e -> second.getOrDefault(e.getKey(), 0L) > e.getValue() * (1 + TOLERANCE));
    }

    /** For example {@code WildFly 782 -> 790 (+1.0%)}, per server. */
    String describe() {
        return first.entrySet().stream().map(e -> {
            long after = second.getOrDefault(e.getKey(), 0L);
            return String.format("%s %,d -> %,d (%+.1f%%)", e.getKey(), e.getValue(), after,
                    100.0 * (after - e.getValue()) / Math.max(1, e.getValue()));
        }).collect(Collectors.joining(", "));
    }
}

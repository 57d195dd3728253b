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

    /** The JVM servers' heap after a full collection at the end of each pass: what a leak would grow. */
    static MemoryGrowth ofHeapBetween(List<EndToEnd.Result> first, List<EndToEnd.Result> second) {
        return new MemoryGrowth(heapAtEnd(first), heapAtEnd(second));
    }

    private static Map<String, Long> atEnd(List<EndToEnd.Result> pass, ToLongFunction<ProcessStats.Usage> mib) {
        Map<String, Long> memory = new LinkedHashMap<>();
        last(pass).usage().forEach(u -> add(memory, u.server(), mib.applyAsLong(u)));
        return memory;
    }

    private static Map<String, Long> heapAtEnd(List<EndToEnd.Result> pass) {
        Map<String, Long> memory = new LinkedHashMap<>();
        last(pass).heapMiB().forEach((server, mib) -> add(memory, server, mib));
        return memory;
    }

    private static EndToEnd.Result last(List<EndToEnd.Result> pass) {
        return pass.get(pass.size() - 1);
    }

    /** Adds a server's figure, WildFly's nodes ("WildFly waybill-2") under "WildFly"; others are left out. */
    private static void add(Map<String, Long> memory, String server, long mib) {
        String name = server.split(" ")[0];
        if (SERVERS.contains(name)) {
            memory.merge(name, mib, Long::sum);
        }
    }

    boolean grew() {
        return first.entrySet().stream()
                .anyMatch(e -> second.getOrDefault(e.getKey(), 0L) > e.getValue() * (1 + TOLERANCE));
    }

    /** For example {@code WildFly 782 -> 790 (+1.0%)}, per server. */
    String describe() {
        if (first.isEmpty()) {
            return "not read";
        }
        return first.entrySet().stream().map(e -> {
            long after = second.getOrDefault(e.getKey(), 0L);
            return String.format("%s %,d -> %,d (%+.1f%%)", e.getKey(), e.getValue(), after,
                    100.0 * (after - e.getValue()) / Math.max(1, e.getValue()));
        }).collect(Collectors.joining(", "));
    }
}

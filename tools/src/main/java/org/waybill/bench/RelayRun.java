package org.waybill.bench;

import java.util.Map;

/**
 * One drain by the relays of {@code nodes} WildFly nodes, with what shows whether any event went twice: each node's
 * count of the events it published, and what the benchmark queue received.
 */
record RelayRun(int nodes, Drain drain, Map<String, Long> publishedByNode, Arrivals arrivals) {
    /** Events the relays published, all nodes together (their meters count rows marked by committed batches). */
    long published() {
        return publishedByNode.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Events published by more than one batch: 0 when every row was claimed and marked once. */
    long publishedTwice() {
        return published() - drain.events();
    }
}

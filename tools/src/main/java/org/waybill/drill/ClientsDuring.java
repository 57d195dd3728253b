package org.waybill.drill;

import org.waybill.load.OrderClients;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the clients saw between two moments (System.nanoTime), e.g. while a fault lasted: the orders refused and why,
 * and the orders accepted, with the longest stretch in which none was.
 */
record ClientsDuring(long fromNanos, long toNanos, List<OrderClients.Refusal> refusals, List<Long> acceptances) {
    static ClientsDuring of(OrderClients clients, long fromNanos, long toNanos) {
        return new ClientsDuring(fromNanos, toNanos, clients.refusalsBetween(fromNanos, toNanos),
                clients.acceptancesBetween(fromNanos, toNanos));
    }

    /** Orders refused at least once (each is sent again with its key until accepted). */
    long ordersRefused() {
        return refusals.stream().mapToInt(OrderClients.Refusal::order).distinct().count();
    }

    /** The refused requests by cause, e.g. {503=12, no connection=3}. */
    Map<String, Long> causes() {
        return refusals.stream().collect(Collectors.groupingBy(OrderClients.Refusal::cause, TreeMap::new,
                Collectors.counting()));
    }

    /** Seconds from the start to the first order accepted, or -1 if none was. */
    double firstAcceptance() {
        return acceptances.isEmpty() ? -1 : (acceptances.get(0) - fromNanos) / 1e9;
    }

    /** The longest time, in seconds, in which no order was accepted, from the start to the end of the stretch. */
    double longestPause() {
        long longest = 0;
        long previous = fromNanos;
        for (long at : acceptances) {
            longest = Math.max(longest, at - previous);
            previous = at;
        }
        return Math.max(longest, toNanos - previous) / 1e9;
    }

    /** "N orders refused (M requests: cause x k, ...)", or "no order refused". */
    String refusedSummary() {
        if (refusals.isEmpty()) {
            return "no order refused";
        }
        return ordersRefused() + " orders refused (" + refusals.size() + " requests: " + causes().entrySet().stream()
                .map(e -> e.getKey() + " x " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }
}

package org.waybill.drill;

import org.waybill.load.Load;
import org.waybill.load.OrderClients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Faults struck one after the other while clients place orders: each once its share of the orders was accepted, plus
 * a random delay of up to 2 s. The shares and the delays come from one seeded random source, so a seed strikes the
 * faults at the same moments again. Each fault injects itself and measures its own recovery; the timeline keeps the
 * line each reports, in the order they came.
 */
final class FaultTimeline {
    /** A fault's injection and measurement; returns its report line, or null if it reports later ({@link #report}). */
    interface Strike {
        String strike(Moment moment) throws Exception;
    }

    /** A fault, struck once {@code atShare} of the orders were accepted, plus up to 2 s. */
    record Fault(String name, double atShare, Strike strike) {
    }

    /** When a fault struck: the orders accepted until then, and its start on {@link System#nanoTime}'s clock. */
    record Moment(String name, int acceptedBefore, long startNanos) {
        double seconds() {
            return secondsSince(startNanos);
        }
    }

    private final OrderClients clients;
    private final int orders;
    private final Random random;
    private final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
    private volatile int failures;

    FaultTimeline(OrderClients clients, int orders, Random random) {
        this.clients = clients;
        this.orders = orders;
        this.random = random;
    }

    /** A share between {@code from} and {@code to}, drawn from the seeded source: a fault's moment. */
    double between(double from, double to) {
        return from + random.nextDouble() * (to - from);
    }

    /** Strikes the faults one after the other on a thread of its own, which it returns, started. */
    Thread start(List<Fault> faults) {
        Thread injector = new Thread(() -> faults.forEach(this::strike), "fault-injector");
        injector.start();
        return injector;
    }

    /** The report lines so far, each fault's as it finished. */
    List<String> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** How many faults could not be injected (or their measurement threw). */
    int failures() {
        return failures;
    }

    /** Adds a report line, e.g. a fault's measurement that finished beside the run. */
    void report(String line) {
        outcomes.add(line);
    }

    /**
     * Waits for the first order accepted after {@code afterNanos} (System.nanoTime); returns when it was, or nothing
     * once every order was accepted or none was within {@code limit}.
     */
    OptionalLong awaitAcceptance(long afterNanos, Duration limit) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos() && clients.accepted().size() < orders) {
            List<Long> after = clients.acceptancesBetween(afterNanos, System.nanoTime());
            if (!after.isEmpty()) {
                return OptionalLong.of(after.get(0));
            }
            Load.sleep(50);
        }
        return OptionalLong.empty();
    }

    private void strike(Fault fault) {
        int at = (int) (orders * fault.atShare());
        while (clients.accepted().size() < at) {
            Load.sleep(50);
        }
        Load.sleep(random.nextInt(2_000));
        int acceptedBefore = clients.accepted().size();
        System.out.println("Fault: " + fault.name() + " (" + acceptedBefore + " orders accepted so far)");
        try {
            String line = fault.strike().strike(new Moment(fault.name(), acceptedBefore, System.nanoTime()));
            if (line != null) {
                outcomes.add(line);
            }
        } catch (Exception e) {
            failures++;
            outcomes.add(fault.name() + ": injection FAILED: " + e);
        }
    }

    static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}

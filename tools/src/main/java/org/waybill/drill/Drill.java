package org.waybill.drill;

import org.waybill.load.OwnStack;

import java.nio.file.Path;
import java.util.Map;

/**
 * The drills ({@code ./mvnw verify -Pdrill}): a fresh stack of their own (own folder and ports, beside a started
 * system), clients placing orders over REST, and a scenario, then an audit of what must hold. Exit code 0 only if
 * every check holds.
 * <ul>
 *   <li>{@code -Dwaybill.drill=faults} (default): crashes and outages while 2,000 orders are placed, and foreign
 *       messages from an outside client ({@link FaultScenario}).</li>
 *   <li>{@code -Dwaybill.drill=burst}: 5,000 orders at once, with queue depths and drain time, and PostgreSQL
 *       restarted once half of them have ended ({@link BurstScenario}); {@code -Dwaybill.drill.max-backlog=N} runs
 *       it behind an admission limit of N, {@code -Dwaybill.drill.restart=false} without the restart;
 *       {@code -Dwaybill.drill.retry-after=true} has the clients send a refused order again after its Retry-After
 *       rather than after 500 ms.</li>
 *   <li>{@code -Dwaybill.drill=burst-limit}: the burst behind an admission limit
 *       ({@code -Dwaybill.drill.max-backlog=N}, default 200) and without one, in turns,
 *       {@code -Dwaybill.drill.rounds=R} rounds (default 2), each run on a fresh stack, then whether the whole burst
 *       ended sooner behind the limit ({@link BurstComparison}); the burst's other options as above.</li>
 *   <li>{@code -Dwaybill.drill=soak}: orders at a steady rate ({@code -Dwaybill.drill.rate=R} a second, default 5) for
 *       {@code -Dwaybill.drill.minutes=M} (default 30) with retention of minutes; every table's size over time
 *       ({@link SoakScenario}).</li>
 *   <li>{@code -Dwaybill.drill=scaleout}: three WildFly nodes behind the load balancer and the broker pair while
 *       2,000 orders are placed through the balancer; a node killed and restarted, the primary broker killed (the
 *       backup takes over) and later started again (fail-back), PostgreSQL restarted; each fault's recovery times and
 *       the orders refused during it ({@link ScaleOutScenario}).</li>
 * </ul>
 * {@code -Dwaybill.drill.orders=N} changes the number of orders of all but the soak, {@code -Dwaybill.drill.seed=S}
 * repeats the random moments of the faults and the scale-out; {@code WAYBILL_MESSAGING_MODE=xa} runs in XA mode.
 */
public final class Drill {
    private Drill() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run() ? 0 : 1);
        } catch (Throwable e) {
            // Exiting runs the stack's shutdown hook: a stack that failed to start must not keep running (or keep
            // Maven waiting) after the drill gave up.
            e.printStackTrace();
            System.out.println("DRILL FAILED: " + e);
            System.exit(1);
        }
    }

    private static boolean run() throws Exception {
        String scenario = System.getProperty("waybill.drill", "faults");
        Path home = Path.of(System.getProperty("waybill.home")).toAbsolutePath();
        boolean ok = scenario.equals("burst-limit")
                ? new BurstComparison(home, Integer.getInteger("waybill.drill.orders", 5_000),
                        Long.getLong("waybill.drill.max-backlog", 200), Integer.getInteger("waybill.drill.rounds", 2))
                        .run()
                : onOneStack(scenario, home);
        System.out.println(ok ? "DRILL PASSED" : "DRILL FAILED");
        return ok;
    }

    private static boolean onOneStack(String scenario, Path home) throws Exception {
        int minutes = Integer.getInteger("waybill.drill.minutes", 30);
        long maxBacklog = Long.getLong("waybill.drill.max-backlog", 0);
        Map<String, String> environment = switch (scenario) {
            case "faults" -> Map.of();
            case "burst" -> BurstScenario.environment(maxBacklog);
            case "soak" -> SoakScenario.environment(minutes);
            case "scaleout" -> ScaleOutScenario.environment();
            default -> throw new IllegalArgumentException("-Dwaybill.drill must be faults, burst, burst-limit, soak or "
                    + "scaleout, not " + scenario);
        };
        OwnStack own = OwnStack.start(home, 2, environment);
        return switch (scenario) {
            case "burst" -> new BurstScenario(own, Integer.getInteger("waybill.drill.orders", 5_000), maxBacklog).run()
                    .passed();
            case "soak" -> new SoakScenario(own, minutes,
                    Double.parseDouble(System.getProperty("waybill.drill.rate", "5"))).run();
            case "scaleout" -> new ScaleOutScenario(own, Integer.getInteger("waybill.drill.orders", 2_000),
                    Long.getLong("waybill.drill.seed", System.nanoTime())).run();
            default -> new FaultScenario(own, Integer.getInteger("waybill.drill.orders", 2_000),
                    Long.getLong("waybill.drill.seed", System.nanoTime())).run();
        };
    }
}

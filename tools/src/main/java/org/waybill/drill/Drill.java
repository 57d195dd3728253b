package org.waybill.drill;

import org.waybill.load.OwnStack;

import java.nio.file.Path;
import java.util.Map;

/**
 * The drills ({@code ./mvnw verify -Pdrill}): a fresh stack of their own (own folder and ports, beside a started
 * system), clients placing orders over REST, and a scenario, then an audit of what must hold. Exit code 0 only if
 * every check holds.
 * <ul>
 *   <li>{@code -Dwaybill.drill=faults} (default): crashes and outages while 2,000 orders are placed
 *       ({@link FaultScenario}).</li>
 *   <li>{@code -Dwaybill.drill=burst}: 5,000 orders at once, with queue depths and drain time ({@link BurstScenario}).</li>
 * </ul>
 * {@code -Dwaybill.drill.orders=N} changes the number of orders; {@code WAYBILL_MESSAGING_MODE=xa} runs in XA mode.
 */
public final class Drill {
    private Drill() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = System.getProperty("waybill.drill", "faults");
        if (!scenario.equals("faults") && !scenario.equals("burst")) {
            throw new IllegalArgumentException("-Dwaybill.drill must be faults or burst, not " + scenario);
        }
        OwnStack own = OwnStack.start(Path.of(System.getProperty("waybill.home")).toAbsolutePath(), 2, Map.of());
        boolean ok = scenario.equals("burst")
                ? new BurstScenario(own, Integer.getInteger("waybill.drill.orders", 5_000)).run()
                : new FaultScenario(own, Integer.getInteger("waybill.drill.orders", 2_000),
                Long.getLong("waybill.drill.seed", System.nanoTime())).run();
        System.out.println(ok ? "DRILL PASSED" : "DRILL FAILED");
        System.exit(ok ? 0 : 1);
    }
}

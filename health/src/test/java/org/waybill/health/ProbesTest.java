package org.waybill.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WildFly calls the probes before the application has started and while it stops: then they are DOWN, not broken. */
class ProbesTest {
    private final Probes probes = new Probes();

    @Test
    void everyCheckIsDownWithAReasonUntilTheApplicationProvidesItsChecks() {
        for (var probe : java.util.List.of(probes.live(), probes.database(), probes.broker(), probes.relay(),
                probes.outboxLag())) {
            HealthCheckResponse response = probe.call();
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus(), response.getName());
            assertTrue(response.getData().orElseThrow().containsKey("error"), response.getName());
        }
    }

    @Test
    void eachProbeRunsItsOwnCheckWhileTheApplicationRuns() {
        probes.provide(check -> check.response(check != Check.BROKER, Map.of()));
        assertEquals("waybill-broker", probes.broker().call().getName());
        assertEquals(HealthCheckResponse.Status.DOWN, probes.broker().call().getStatus());
        assertEquals("waybill-database", probes.database().call().getName());
        assertEquals(HealthCheckResponse.Status.UP, probes.database().call().getStatus());
        assertEquals("waybill", probes.live().call().getName());

        probes.withdraw();
        assertEquals(HealthCheckResponse.Status.DOWN, probes.database().call().getStatus());
    }
}

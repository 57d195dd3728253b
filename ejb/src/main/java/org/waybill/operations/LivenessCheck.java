package org.waybill.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.waybill.outbox.OutboxRelay;

import java.time.Duration;

/**
 * MicroProfile Health liveness (WildFly's {@code /health/live}): DOWN when the relay has been inside one drain for
 * longer than {@code waybill.health.relay-stuck-seconds} without finishing a batch, failed or not: a hung relay, which
 * only a restart frees. A relay that fails quickly (broker away) is alive, and unready ({@link Health}).
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {
    @Inject
    OutboxRelay relay;

    /** Above the transaction timeout (300 s), the longest a batch may legitimately take before it rolls back. */
    @Inject
    @ConfigProperty(name = "waybill.health.relay-stuck-seconds", defaultValue = "600")
    long relayStuckSeconds;

    @Override
    public HealthCheckResponse call() {
        Duration stuck = relay.stuckFor();
        return HealthCheckResponse.named("waybill-relay")
                .status(stuck.compareTo(Duration.ofSeconds(relayStuckSeconds)) < 0)
                .withData("secondsInBatch", stuck.toSeconds())
                .build();
    }
}

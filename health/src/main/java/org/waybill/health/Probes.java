package org.waybill.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Waybill's checks as the MicroProfile Health beans WildFly serves at {@code /health/live} and {@code /health/ready}.
 * WildFly 39's health extension looks for them only in the EAR's top-level bean archives (its {@code lib/}, where this
 * jar is), never in the ejb or web module; and a class here cannot see the ejb module's. So the ejb module hands its
 * {@link Checks} in when it starts, and takes them back when it stops: without them every check is DOWN.
 */
@ApplicationScoped
public class Probes {
    private volatile Checks checks;

    public void provide(Checks checks) {
        this.checks = checks;
    }

    public void withdraw() {
        checks = null;
    }

    HealthCheckResponse run(Check check) {
        Checks current = checks;
        return current == null ? check.response(false, Map.of("error", "Waybill has not started or has stopped"))
                : current.run(check);
    }

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> run(Check.LIVE);
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> run(Check.DATABASE);
    }

    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> run(Check.BROKER);
    }

    @Produces
    @Readiness
    HealthCheck relay() {
        return () -> run(Check.RELAY);
    }

    @Produces
    @Readiness
    HealthCheck outboxLag() {
        return () -> run(Check.OUTBOX_LAG);
    }
}

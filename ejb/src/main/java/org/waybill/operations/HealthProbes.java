package org.waybill.operations;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.waybill.health.Probes;

/**
 * Hands {@link Health}'s checks to WildFly's MicroProfile Health ({@link Probes}, in the EAR's lib) for as long as
 * the application runs: from when the relay has started, so readiness never comes before the schema migration.
 */
@Singleton
@Startup
@DependsOn("OutboxRelay")
public class HealthProbes {
    @Inject
    Probes probes;

    @Inject
    Health health;

    @PostConstruct
    void provide() {
        probes.provide(health::run);
    }

    @PreDestroy
    void withdraw() {
        probes.withdraw();
    }
}

package org.waybill.health;

import org.eclipse.microprofile.health.HealthCheckResponse;

/** What decides each {@link Check}: the application (the ejb module), which hands it to {@link Probes} at start. */
@FunctionalInterface
public interface Checks {
    HealthCheckResponse run(Check check);
}

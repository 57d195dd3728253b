package org.waybill.platform;

import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * A bean of Waybill's meters, bound to the registry ({@link Meters#bind}) when it is created, which is when the
 * application starts: its series exist (counters at 0, gauges NaN) before the first figure, so a first failure is a
 * change of a series Prometheus already has, not a new one.
 */
public abstract class StartupMeterBinder implements MeterBinder {
    @Inject
    Meters meters;

    @PostConstruct
    protected void register() {
        meters.bind(this);
    }

    /** Observing the start makes the container create the bean then, not at its first use. */
    protected void start(@Observes Startup startup) {
    }
}

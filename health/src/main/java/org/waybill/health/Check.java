package org.waybill.health;

import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.Map;
import java.util.Optional;

/** Waybill's checks, by the names WildFly's {@code /health} endpoints report them under. */
public enum Check {
    /** Waybill is deployed and started; liveness, so it never waits on the database or the broker. */
    LIVE("waybill"),
    DATABASE("waybill-database"),
    BROKER("waybill-broker"),
    /** The relay publishes, or has not failed for long. */
    RELAY("waybill-relay"),
    /** The oldest unpublished event is not older than the limit. */
    OUTBOX_LAG("waybill-outbox-lag");

    private final String checkName;

    Check(String checkName) {
        this.checkName = checkName;
    }

    public String checkName() {
        return checkName;
    }

    /**
     * The response under this check's name. Built directly rather than through {@code HealthCheckResponse.named},
     * whose provider lookup depends on the caller's context class loader.
     */
    public HealthCheckResponse response(boolean up, Map<String, Object> data) {
        return new HealthCheckResponse(checkName, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                data.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(data)));
    }
}

package org.waybill.operations;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.waybill.health.Check;
import org.waybill.messaging.MessagingMode;
import org.waybill.outbox.OutboxRelay;
import org.waybill.platform.Database;
import org.waybill.platform.Failures;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Whether Waybill can do its work now: its database and its broker answer, the relay publishes, and the outbox lag
 * (the age of the oldest unpublished event, as last sampled) is within its limit. The one place that decides it, for
 * WildFly's {@code /health/ready} and {@code /health/live} (each {@link Check} on its own, through
 * {@link HealthProbes}) and for {@code /api/health} (all at once).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Health {
    /**
     * @param relay            the relay publishes, or has failed for less than {@code waybill.health.relay-failing-seconds}
     *                         (a disabled relay does not fail)
     * @param relayEnabled     this node's relay publishes at all ({@code waybill.relay.enabled})
     * @param outboxLagSeconds the last sampled outbox lag; null when no recent sample exists
     */
    public record Report(boolean up, boolean database, boolean broker, boolean relay, boolean relayEnabled,
                         Double outboxLagSeconds, boolean outboxLagWithinLimit, String messagingMode) {
    }

    @Resource(lookup = Database.DATASOURCE)
    DataSource dataSource;

    @Inject
    BrokerProbe brokerProbe;

    @Inject
    MessagingMode mode;

    @Inject
    OutboxRelay relay;

    @Inject
    OperationsGauges gauges;

    /** Every node reads the one outbox: over this, every node is unready at once. Zero: the lag is not checked. */
    @Inject
    @ConfigProperty(name = "waybill.health.max-outbox-lag-seconds", defaultValue = "300")
    long maxOutboxLagSeconds;

    @Inject
    @ConfigProperty(name = "waybill.health.relay-failing-seconds", defaultValue = "60")
    long relayFailingSeconds;

    /** All of the readiness checks, for {@code /api/health}. */
    public Report check() {
        boolean database = databaseError().isEmpty();
        boolean brokerUp = brokerError().isEmpty();
        boolean relayUp = relayPublishes();
        Double lag = outboxLagSeconds();
        boolean lagWithinLimit = lagWithinLimit(lag);
        return new Report(database && brokerUp && relayUp && lagWithinLimit, database, brokerUp, relayUp,
                relay.isEnabled(), lag, lagWithinLimit, mode.name());
    }

    /** One check, with the figures behind it, for WildFly's {@code /health} endpoints. */
    public HealthCheckResponse run(Check check) {
        return switch (check) {
            // Deployed and answering. Nothing a restart would not fix by itself goes here: not the database, not the broker.
            case LIVE -> check.response(true, Map.of("messagingMode", mode.name()));
            case DATABASE -> answers(check, databaseError());
            case BROKER -> answers(check, brokerError());
            case RELAY -> {
                Map<String, Object> data = new HashMap<>(Map.of("enabled", relay.isEnabled(),
                        "failingSeconds", relay.failingFor().toSeconds(), "limitSeconds", relayFailingSeconds));
                relay.lastFailure().ifPresent(failure -> data.put("lastFailure", failure));
                yield check.response(relayPublishes(), data);
            }
            case OUTBOX_LAG -> {
                Double lag = outboxLagSeconds();
                Map<String, Object> data = new HashMap<>(Map.of("limitSeconds", maxOutboxLagSeconds));
                if (lag != null) {
                    data.put("lagSeconds", lag.longValue());
                }
                yield check.response(lagWithinLimit(lag), data);
            }
        };
    }

    private static HealthCheckResponse answers(Check check, Optional<String> error) {
        return check.response(error.isEmpty(), error.<Map<String, Object>>map(e -> Map.of("error", e)).orElse(Map.of()));
    }

    private boolean relayPublishes() {
        return relay.failingFor().compareTo(Duration.ofSeconds(relayFailingSeconds)) < 0;
    }

    /** The last sampled outbox lag; null when no recent sample exists (the database check tells why). */
    private Double outboxLagSeconds() {
        return gauges.outbox().map(o -> o.oldestAgeMillis() == null ? 0.0 : o.oldestAgeMillis() / 1000.0).orElse(null);
    }

    private boolean lagWithinLimit(Double lag) {
        return maxOutboxLagSeconds <= 0 || lag == null || lag <= maxOutboxLagSeconds;
    }

    private Optional<String> databaseError() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) ? Optional.empty() : Optional.of("the connection did not answer within 2 s");
        } catch (SQLException e) {
            return Optional.of(Failures.message(e));
        }
    }

    /**
     * Refused connections show at once; a broker that takes a connection and does not answer, after
     * {@link BrokerProbe#WAIT}. One shutting down slowly may still pass a connection taken from the pool, so the check
     * also fails while the operations monitor, which asks the broker a question every 10 s, got no answer to its last
     * one (or none for longer than a sample may be old).
     */
    private Optional<String> brokerError() {
        Optional<String> silence = gauges.brokerSilence();
        return silence.isPresent() ? silence : brokerProbe.error();
    }
}

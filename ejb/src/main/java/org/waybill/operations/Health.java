package org.waybill.operations;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.messaging.MessagingMode;
import org.waybill.outbox.OutboxRelay;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Whether Waybill can do its work now: its database and its broker answer, the relay publishes, and the outbox lag
 * (the age of the oldest unpublished event, as last sampled) is within its limit. For load balancers and operators, at
 * {@code /api/health}. (WildFly 39 does not take MicroProfile Health checks from an EAR's modules, so its
 * {@code /health/ready} says only that the server runs and the EAR is deployed.)
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Health {
    /**
     * @param relay            the relay publishes, or has failed for less than {@code waybill.health.relay-failing-seconds}
     * @param outboxLagSeconds the last sampled outbox lag; null when no recent sample exists
     */
    public record Report(boolean up, boolean database, boolean broker, boolean relay, Double outboxLagSeconds,
                         boolean outboxLagWithinLimit, String messagingMode) {
    }

    @Resource(lookup = "java:jboss/datasources/WaybillDS")
    DataSource dataSource;

    @Resource(lookup = "java:/jms/waybill/RelayConnectionFactory")
    ConnectionFactory broker;

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

    public Report check() {
        boolean database = databaseAnswers();
        boolean brokerUp = brokerAnswers();
        boolean relayUp = relay.failingFor().compareTo(Duration.ofSeconds(relayFailingSeconds)) < 0;
        Double lag = gauges.outbox().map(o -> o.oldestAgeMillis() == null ? 0.0 : o.oldestAgeMillis() / 1000.0)
                .orElse(null);
        boolean lagWithinLimit = maxOutboxLagSeconds <= 0 || lag == null || lag <= maxOutboxLagSeconds;
        return new Report(database && brokerUp && relayUp && lagWithinLimit, database, brokerUp, relayUp, lag,
                lagWithinLimit, mode.name());
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean brokerAnswers() {
        try (JMSContext context = broker.createContext()) {
            context.start();
            return true;
        } catch (JMSRuntimeException e) {
            return false;
        }
    }
}

package org.waybill.operations;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.waybill.health.Check;
import org.waybill.messaging.MessagingMode;
import org.waybill.outbox.OutboxRelay;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each readiness check says DOWN for its own cause, with the figures behind it, and /api/health agrees. */
class HealthTest {
    private final Health health = new Health();

    HealthTest() {
        health.dataSource = fake(DataSource.class, "getConnection",
                fake(Connection.class, "isValid", true));
        health.brokerProbe = BrokerProbeTest.probe(fake(ConnectionFactory.class, "createContext",
                new JMSRuntimeException("Failed to create session factory (connection refused)")));
        health.mode = new MessagingMode() {
            @Override
            public String name() {
                return MessagingMode.AT_LEAST_ONCE;
            }
        };
        health.relay = new OutboxRelay() {
            @Override
            public boolean isEnabled() {
                return true;
            }
        };
        health.gauges = new OperationsGauges();
        health.maxOutboxLagSeconds = 300;
        health.relayFailingSeconds = 60;
    }

    @Test
    void anUnreachableBrokerIsTheBrokerCheckDownWithItsErrorAndNothingElse() {
        HealthCheckResponse broker = health.run(Check.BROKER);
        assertEquals("waybill-broker", broker.getName());
        assertEquals(HealthCheckResponse.Status.DOWN, broker.getStatus());
        assertTrue(broker.getData().orElseThrow().get("error").toString().contains("connection refused"),
                broker.getData().toString());
        assertEquals(HealthCheckResponse.Status.UP, health.run(Check.DATABASE).getStatus());
        assertEquals(HealthCheckResponse.Status.UP, health.run(Check.RELAY).getStatus());
        assertEquals(HealthCheckResponse.Status.UP, health.run(Check.LIVE).getStatus(), "liveness ignores the broker");

        Health.Report report = health.check();
        assertFalse(report.up());
        assertFalse(report.broker());
        assertTrue(report.database());
    }

    /** A pooled connection can outlive the broker's answering: the monitor's unanswered question decides then. */
    @Test
    void aBrokerThatTakesConnectionsButLeftTheMonitorsQuestionUnansweredIsDown() {
        health.brokerProbe = BrokerProbeTest.probe(fake(ConnectionFactory.class, "createContext",
                fake(JMSContext.class, "start", null)));
        assertEquals(HealthCheckResponse.Status.UP, health.run(Check.BROKER).getStatus());

        health.gauges.brokerUnanswered("AMQ219014: Timed out after waiting 5000 ms");
        HealthCheckResponse broker = health.run(Check.BROKER);
        assertEquals(HealthCheckResponse.Status.DOWN, broker.getStatus());
        assertTrue(broker.getData().orElseThrow().get("error").toString().contains("AMQ219014"), broker.toString());

        health.gauges.queues(java.util.List.of());
        assertEquals(HealthCheckResponse.Status.UP, health.run(Check.BROKER).getStatus(), "answered again");
    }

    @Test
    void anOutboxLagOverTheLimitIsTheLagCheckDownWithLagAndLimit() {
        health.gauges.outbox(new OperationsReport.Outbox(3, 301_500L, null, null, 0));
        HealthCheckResponse lag = health.run(Check.OUTBOX_LAG);
        assertEquals(HealthCheckResponse.Status.DOWN, lag.getStatus());
        assertEquals(Map.of("lagSeconds", 301L, "limitSeconds", 300L), lag.getData().orElseThrow());
        assertFalse(health.check().outboxLagWithinLimit());

        health.gauges.outbox(new OperationsReport.Outbox(3, 299_000L, null, null, 0));
        assertEquals(HealthCheckResponse.Status.UP, health.run(Check.OUTBOX_LAG).getStatus());
        health.maxOutboxLagSeconds = 0;
        health.gauges.outbox(new OperationsReport.Outbox(3, 9_999_000L, null, null, 0));
        assertEquals(HealthCheckResponse.Status.UP, health.run(Check.OUTBOX_LAG).getStatus(), "0 turns it off");
    }

    /** A node whose relay is off (waybill.relay.enabled=false) is not unready for it, and says it is off. */
    @Test
    void aDisabledRelayIsUpAndSaysSo() {
        health.relay = new OutboxRelay();
        health.brokerProbe = BrokerProbeTest.probe(fake(ConnectionFactory.class, "createContext",
                fake(JMSContext.class, "start", null)));
        HealthCheckResponse relay = health.run(Check.RELAY);
        assertEquals(HealthCheckResponse.Status.UP, relay.getStatus());
        assertEquals(false, relay.getData().orElseThrow().get("enabled"), relay.toString());

        Health.Report report = health.check();
        assertTrue(report.up() && report.relay(), report.toString());
        assertFalse(report.relayEnabled());
    }

    /** A proxy of that interface whose one named method returns (or throws) that; the others do nothing. */
    private static <T> T fake(Class<T> type, String method, Object result) {
        return type.cast(Proxy.newProxyInstance(HealthTest.class.getClassLoader(), new Class<?>[]{type},
                (proxy, m, args) -> {
                    if (m.getName().equals(method)) {
                        if (result instanceof RuntimeException e) {
                            throw e;
                        }
                        return result;
                    }
                    return m.getReturnType() == boolean.class ? false : null;
                }));
    }
}

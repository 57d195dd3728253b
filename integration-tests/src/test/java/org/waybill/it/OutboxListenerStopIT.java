package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.waybill.it.TestStack.db;

/**
 * Undeploying the application (a redeployment, as every test class does) hands the outbox listener's connection back
 * to the pool as the listener found it: no longer listening, no longer named as the node's listener. Until 2026-12-06
 * the listener's thread was stopped by an interrupt, which made the pool's connection wrapper refuse its UNLISTEN, and
 * the next deployment's steps ran on a session that still listened and bore the listener's name (a CI run's
 * {@code DeliveryTransactionModeIT} saw inventory's step waiting under it). Until 2026-12-07 it went back with no name
 * at all: the listener's {@code RESET application_name} undid the driver's naming of the session, which is a
 * {@code SET} after connecting, not a startup parameter (the same test then saw a step waiting under no name).
 */
@ArquillianTest
class OutboxListenerStopIT {
    private static final String WAYBILL = "waybill";
    /** Sessions named as a listener, or whose last statement was a LISTEN (an idle pooled connection that listens). */
    /** Client sessions without a name: the pool's carry its name (waybill, waybill-xa), the tests' the driver's. */
    private static final String UNNAMED = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            + "AND backend_type = 'client backend' AND application_name = ''";
    private static final String LISTENING = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            + "AND (starts_with(application_name, 'waybill-outbox-listener:') OR query = 'LISTEN waybill_outbox')";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = WAYBILL, managed = false, testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void anUndeployedNodeLeavesNoSessionListening() {
        deployer.deploy(WAYBILL);
        try {
            Eventually.await("the outbox listener's session", Duration.ofSeconds(60), () -> db().number(LISTENING),
                    n -> n == 1);
        } finally {
            deployer.undeploy(WAYBILL);
        }
        Eventually.await("no session listening or named as the listener once the application is undeployed",
                Duration.ofSeconds(10), () -> db().number(LISTENING), n -> n == 0);
        assertEquals(0, db().number(UNNAMED), "pooled sessions left without the pool's name");
    }
}

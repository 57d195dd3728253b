package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.waybill.stack.ServerLog;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WildFly starts with Waybill's configuration (server-config/wildfly) without a warning or an error: a start's log
 * should give an operator nothing to look into. Until 2026-12-07 every start warned twice about the missing key store
 * of WildFly's own {@code applicationSSC}, which nothing used.
 */
@ArquillianTest
class ServerStartIT {

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @Test
    void wildFlyStartsWithoutAWarning() {
        String log = ServerLog.text(TestStack.stack().node(1).serverLog());
        // The start the first deployment went to; the log begins with the boots of the embedded server that applied
        // the scripts, which read WildFly's configuration as shipped.
        int deployed = log.indexOf("WFLYSRV0010");
        int starting = log.lastIndexOf("WFLYSRV0049", deployed);
        int started = log.indexOf("WFLYSRV0025", starting);
        assertTrue(deployed > 0 && starting > 0 && started > starting, "the server log holds the start");
        assertEquals(List.of(), ServerLogs.complaints(log.substring(starting, started)),
                "lines of warning or error during the start");
    }
}

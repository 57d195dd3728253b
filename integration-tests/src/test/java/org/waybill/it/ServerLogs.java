package org.waybill.it;

import org.waybill.stack.ServerLog;

import java.nio.file.Path;

/** What a WildFly node's server log says it did, for tests that must know which node served a request. */
final class ServerLogs {
    private ServerLogs() {
    }

    /** Whether the log has OrderPlacement's line for the order: the node that took the request placed it. */
    static boolean placed(Path serverLog, String orderId) {
        return ServerLog.text(serverLog).contains("Order " + orderId + " placed by ");
    }

    /** The same for Arquillian's node 1. */
    static boolean placedOnNode1(String orderId) {
        return placed(TestStack.stack().node(1).serverLog(), orderId);
    }
}

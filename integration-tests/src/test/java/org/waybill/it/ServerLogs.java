package org.waybill.it;

import org.waybill.stack.ServerLog;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** What a WildFly node's server log says: which node served a request, and what it complained of. */
final class ServerLogs {
    private static final Set<String> COMPLAINTS = Set.of("WARN", "WARNING", "ERROR", "SEVERE", "FATAL");
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

    /** The lines of a piece of log at warning level or above, its own names and java.util.logging's. */
    static List<String> complaints(String log) {
        return log.lines().filter(line -> COMPLAINTS.contains(level(line))).toList();
    }

    /** A line's level: the third field, after the date and the time. */
    private static String level(String line) {
        String[] fields = line.split(" ", 4);
        return fields.length < 4 ? "" : fields[2];
    }
}

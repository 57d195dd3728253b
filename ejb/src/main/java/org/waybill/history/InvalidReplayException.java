package org.waybill.history;

import org.waybill.platform.ApplicationProblem;

import java.util.List;

/** A replay request that names neither an order nor a valid time range, too many events, or a bad key. */
public class InvalidReplayException extends ApplicationProblem {
    public InvalidReplayException(String message) {
        super(Kind.INVALID, message);
    }

    public InvalidReplayException(String message, List<Violation> violations) {
        super(Kind.INVALID, message, violations);
    }
}

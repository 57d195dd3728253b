package org.waybill.history;

import org.waybill.platform.ApplicationProblem;

/** A replay request that names neither an order nor a valid time range, or too many events. */
public class InvalidReplayException extends ApplicationProblem {
    public InvalidReplayException(String message) {
        super(Kind.INVALID, message);
    }
}

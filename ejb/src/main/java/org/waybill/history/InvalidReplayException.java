package org.waybill.history;

import jakarta.ejb.ApplicationException;

/** A replay request that names neither an order nor a valid time range, or too many events. */
@ApplicationException(rollback = true)
public class InvalidReplayException extends RuntimeException {
    public InvalidReplayException(String message) {
        super(message);
    }
}

package org.waybill.history;

import org.waybill.platform.ApplicationProblem;

/**
 * An Idempotency-Key that cannot be honoured: the caller used it for a different replay, or a request with the same
 * key is being recorded right now. Nothing was stored or sent.
 */
public class ReplayConflictException extends ApplicationProblem {
    public ReplayConflictException(String message) {
        super(Kind.CONFLICT, message);
    }
}

package org.waybill.ordering;

import org.waybill.platform.ApplicationProblem;

/**
 * An Idempotency-Key that cannot be honoured: it was used for a different order request, or a request with the same
 * key is being processed right now. Nothing was stored.
 */
public class IdempotencyKeyConflictException extends ApplicationProblem {
    public IdempotencyKeyConflictException(String message) {
        super(Kind.CONFLICT, message);
    }
}

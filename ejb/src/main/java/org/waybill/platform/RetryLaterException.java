package org.waybill.platform;

import jakarta.ejb.ApplicationException;

/**
 * A step cannot be done now for a reason that passes: a gateway or mail server that does not answer, an earlier
 * event of the order still being retried. The step's transaction rolls back and the broker redelivers the event
 * after its backoff. Expected, so it is logged as one line per attempt, without a stack trace.
 */
@ApplicationException(rollback = true, inherited = true)
public class RetryLaterException extends RuntimeException {
    public RetryLaterException(String message) {
        super(message);
    }

    public RetryLaterException(String message, Throwable cause) {
        super(message, cause);
    }
}

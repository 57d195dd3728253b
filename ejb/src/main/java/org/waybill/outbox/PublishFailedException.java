package org.waybill.outbox;

import jakarta.ejb.ApplicationException;

/**
 * The broker did not take a batch (down, unreachable, refused). Expected during outages: the batch rolls back, its
 * rows stay in the outbox, and the relay tries again; the container need not log it as a system error.
 */
@ApplicationException(rollback = true)
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

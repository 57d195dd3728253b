package org.waybill.deadletters;

import jakarta.ejb.ApplicationException;

/** No such dead-letter queue, or no such message in it (perhaps another operator handled it already). */
@ApplicationException(rollback = true)
public class DeadLetterNotFoundException extends RuntimeException {
    public DeadLetterNotFoundException(String message) {
        super(message);
    }
}

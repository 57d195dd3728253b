package org.waybill.deadletters;

import org.waybill.platform.ApplicationProblem;

/** No such dead-letter queue, or no such message in it (perhaps another operator handled it already). */
public class DeadLetterNotFoundException extends ApplicationProblem {
    public DeadLetterNotFoundException(String message) {
        super(Kind.NOT_FOUND, message);
    }
}

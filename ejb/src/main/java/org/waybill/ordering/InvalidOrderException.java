package org.waybill.ordering;

import org.waybill.platform.ApplicationProblem;

import java.util.List;

/** The order request breaks a rule; nothing was stored. Each violation names the field and what is wrong. */
public class InvalidOrderException extends ApplicationProblem {
    public InvalidOrderException(List<Violation> violations) {
        super(Kind.INVALID, "The order is not valid.", violations);
    }
}

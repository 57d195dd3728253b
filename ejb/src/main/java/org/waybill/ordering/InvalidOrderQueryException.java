package org.waybill.ordering;

import org.waybill.platform.ApplicationProblem;

import java.util.List;

/** A list request with an impossible page or range; each violation names the parameter. */
public class InvalidOrderQueryException extends ApplicationProblem {
    public InvalidOrderQueryException(List<Violation> violations) {
        super(Kind.INVALID, "The order query is not valid.", violations);
    }
}

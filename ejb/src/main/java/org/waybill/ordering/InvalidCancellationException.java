package org.waybill.ordering;

import org.waybill.platform.ApplicationProblem;

import java.util.List;

/** A cancel whose reason cannot be recorded; nothing was changed. */
public class InvalidCancellationException extends ApplicationProblem {
    public InvalidCancellationException(String message) {
        super(Kind.INVALID, "The cancellation is not valid: " + message, List.of(new Violation("reason", message)));
    }
}

package org.waybill.deadletters;

import org.waybill.platform.ApplicationProblem;

import java.util.List;

/** A discard needs a reason, at most 1000 characters, for the audit record. */
public class DiscardReasonMissingException extends ApplicationProblem {
    public DiscardReasonMissingException() {
        super(Kind.INVALID, "a discard needs a reason (at most 1000 characters, no control characters)",
                List.of(new Violation("reason", "is required, at most 1000 characters, no control characters")));
    }
}

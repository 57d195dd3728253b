package org.waybill.ordering;

import org.waybill.platform.ApplicationProblem;

import java.util.List;

/** The order request breaks a rule; nothing was stored. Each violation names the field and what is wrong. */
public class InvalidOrderException extends ApplicationProblem {
    private final List<Violation> violations;

    public InvalidOrderException(List<Violation> violations) {
        super(Kind.INVALID, "The order is not valid.");
        this.violations = List.copyOf(violations);
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }
}

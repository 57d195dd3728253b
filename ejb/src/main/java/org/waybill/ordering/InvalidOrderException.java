package org.waybill.ordering;

import jakarta.ejb.ApplicationException;

import java.util.List;

/** The order request breaks a rule; nothing was stored. Each violation names the field and what is wrong. */
@ApplicationException(rollback = true)
public class InvalidOrderException extends RuntimeException {
    public record Violation(String field, String message) {
    }

    private final List<Violation> violations;

    public InvalidOrderException(List<Violation> violations) {
        super("invalid order: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}

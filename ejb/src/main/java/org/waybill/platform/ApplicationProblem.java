package org.waybill.platform;

import jakarta.ejb.ApplicationException;

import java.util.List;

/**
 * A request Waybill refuses for a reason the client can act on. The transaction rolls back and nothing is stored;
 * the REST layer answers with the matching status and a problem+json body.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class ApplicationProblem extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    /** One field of the request that is wrong, and why. */
    public record Violation(String field, String message) {
    }

    private final Kind kind;

    protected ApplicationProblem(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The fields at fault, when the problem is invalid input. */
    public List<Violation> violations() {
        return List.of();
    }
}

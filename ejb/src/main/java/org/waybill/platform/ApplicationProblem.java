package org.waybill.platform;

import jakarta.ejb.ApplicationException;

import java.util.List;

/**
 * A request Waybill refuses for a reason the client can act on. The transaction rolls back and nothing is stored;
 * the REST layer answers with the matching status and a problem+json body.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class ApplicationProblem extends RuntimeException {
    /** INVALID 400, FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409, STALE 412 (the client's copy is out of date). */
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, STALE }

    /** One field of the request that is wrong, and why. */
    public record Violation(String field, String message) {
    }

    private final Kind kind;
    private final List<Violation> violations;

    protected ApplicationProblem(Kind kind, String message) {
        this(kind, message, List.of());
    }

    protected ApplicationProblem(Kind kind, String message, List<Violation> violations) {
        super(message);
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    public Kind kind() {
        return kind;
    }

    /** The fields at fault, when the problem is invalid input. */
    public List<Violation> violations() {
        return violations;
    }
}

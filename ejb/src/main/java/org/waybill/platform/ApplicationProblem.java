package org.waybill.platform;

import jakarta.ejb.ApplicationException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request Waybill refuses for a reason the client can act on. The transaction rolls back and nothing is stored;
 * the REST layer answers with the matching status and a problem+json body.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class ApplicationProblem extends RuntimeException {
    /**
     * INVALID 400, FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409, STALE 412 (the client's copy is out of date), BUSY 503
     * (Waybill takes no more of this work for now; the same request later may succeed).
     */
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, STALE, BUSY }

    /** The problem type of RFC 9457 when the status says it all. */
    public static final String UNTYPED = "about:blank";

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

    /** The problem type a client can tell this problem by, beyond its status. */
    public String type() {
        return UNTYPED;
    }

    /** For a problem that passes: when to try again. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** The fields at fault, when the problem is invalid input. */
    public List<Violation> violations() {
        return violations;
    }
}

package org.waybill.ordering;

import org.waybill.platform.ApplicationProblem;

import java.time.Duration;
import java.util.Optional;

/** A new order refused because more work waits than the admission limit allows; nothing was stored. */
public class AdmissionLimitException extends ApplicationProblem {
    public static final String TYPE = "urn:waybill:problem:admission-limit";

    private final Duration retryAfter;

    AdmissionLimitException(String message, Duration retryAfter) {
        super(Kind.BUSY, message);
        this.retryAfter = retryAfter;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}

package org.waybill.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The rule every {@code Idempotency-Key} header follows (orders, replays): 1 to 100 visible ASCII characters, so it
 * fits its column and cannot smuggle control characters into logs or answers.
 */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    /** The answer header that marks the first request's result, given again to a retry. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final String RULE = "must be 1 to 100 visible ASCII characters, e.g. a UUID";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private IdempotencyKeys() {
    }

    /** True for no key (null) or a key that follows the rule. */
    public static boolean isValid(String key) {
        return key == null || KEY.matcher(key).matches();
    }

    /**
     * Writes what the entity manager holds. Two requests with the same key at the same moment: the unique index on
     * the key lets one in, and the other gets what {@code taken} makes instead of a database error.
     */
    public static void flushUnlessTaken(EntityManager em, String uniqueIndex, Supplier<RuntimeException> taken) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConstraintViolationException c && uniqueIndex.equals(c.getConstraintName())) {
                    throw taken.get();
                }
            }
            throw e;
        }
    }
}

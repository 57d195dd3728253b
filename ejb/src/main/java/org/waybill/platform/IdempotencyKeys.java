package org.waybill.platform;

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
}

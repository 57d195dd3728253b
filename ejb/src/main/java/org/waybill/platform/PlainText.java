package org.waybill.platform;

/**
 * Text a user may send: no control characters (NUL, line breaks, escapes: PostgreSQL refuses NUL, and the others
 * forge log lines or break what shows the text) and no unpaired surrogates (they cannot be stored as UTF-8 and
 * would silently become '?').
 */
public final class PlainText {
    /** For {@code @Pattern}; a line break or tab is a control character too. */
    public static final String PATTERN = "[^\\p{Cc}\\p{Cs}]*";
    public static final String MESSAGE = "must not contain control characters";

    private PlainText() {
    }

    public static boolean isPlain(String text) {
        return text == null || text.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.SURROGATE);
    }
}

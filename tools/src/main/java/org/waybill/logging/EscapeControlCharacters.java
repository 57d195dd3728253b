package org.waybill.logging;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.ExtLogRecord.FormatStyle;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * A filter on WildFly's log handlers (module org.waybill.logging, server-config/wildfly/configure-logging.cli) that
 * escapes control characters in every message and in its text parameters before the message is formatted: a line
 * break becomes \r or \n, any other control character (ESC, NUL, ..., U+2028/29) a "?". So nothing a user or another
 * system sent can forge a log line or drive a terminal.
 *
 * <p>It works on the record's own message and parameters, because that is what holds for every record: JBoss
 * LogManager's substitute filters rewrite a formatted copy, which a record logged through java.util.logging's Supplier
 * methods (as Waybill logs) never shows. It touches a message only to change it, and keeps its format style: WildFly's
 * own messages are printf patterns ({@code Deployed "%s"}), and java.util.logging's {@code setMessage} would make one a
 * MessageFormat pattern, printed without its parameters (as every such line was, until 2026-12-02).
 */
public final class EscapeControlCharacters implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        String safe = escape(message);
        if (safe != message) { // escape returns the same string when there is nothing to escape
            if (record instanceof ExtLogRecord extended && extended.getFormatStyle() != FormatStyle.MESSAGE_FORMAT) {
                extended.setMessage(safe, extended.getFormatStyle());
            } else {
                record.setMessage(safe); // also where a record logged through java.util.logging keeps it (wrapped)
            }
        }
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            Object[] escaped = parameters.clone();
            for (int i = 0; i < escaped.length; i++) {
                if (escaped[i] instanceof CharSequence text) {
                    escaped[i] = escape(text.toString());
                }
            }
            record.setParameters(escaped);
        }
        return true;
    }

    static String escape(String text) {
        if (text == null || text.chars().noneMatch(EscapeControlCharacters::isControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : isControl(c) ? "?" : String.valueOf((char) c)));
        return out.toString();
    }

    private static boolean isControl(int c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
    }
}

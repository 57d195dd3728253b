package org.waybill.logging;

import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * A filter on WildFly's log handlers (module org.waybill.logging, server-config/wildfly/configure-logging.cli) that
 * escapes control characters in every message as it will be written: a line break becomes \r or \n, any other control
 * character (ESC, NUL, ..., U+2028/29) a "?". So nothing a user or another system sent can forge a log line or drive a
 * terminal, whether it arrives in the message, in a text parameter or in what any other parameter prints.
 *
 * <p>It escapes the formatted message, the text the handlers' formatters write, and formats it once: JBoss LogManager
 * keeps that text in the record, so the formatters and the second handler reuse it. A message with something to escape
 * becomes that text escaped, with nothing left to format. It is a class of its own because JBoss LogManager's
 * substitute filters rewrite a formatted copy that a record logged through java.util.logging (wrapped, as Waybill
 * logs) never shows, and because three of them, each formatting and running a regular expression on every line of
 * both handlers, took 3.5% of WildFly's CPU samples in a benchmark profile (README, issue 17).
 */
public final class EscapeControlCharacters implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
        ExtLogRecord extended = ExtLogRecord.wrap(record); // the record itself when it is one, as every record a handler gets
        String formatted = extended.getFormattedMessage();
        String safe = escape(formatted);
        if (safe != formatted) { // escape returns the same string when there is nothing to escape
            record.setParameters(null); // the text as written: nothing left to format
            record.setMessage(safe); // also drops the formatted text the record kept, and sets a wrapped one's original
        }
        return true;
    }

    static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !isControl(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(isControl(c) ? '?' : c);
            }
        }
        return out.toString();
    }

    private static boolean isControl(char c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
    }
}

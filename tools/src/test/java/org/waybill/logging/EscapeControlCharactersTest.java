package org.waybill.logging;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EscapeControlCharactersTest {
    @Test
    void lineBreaksAreWrittenAsEscapesAndOtherControlsAsQuestionMarks() {
        LogRecord record = new LogRecord(Level.INFO, "reason: a\nb\r\nc\u001b[31m\u0000\u2028 d\u00e9");
        assertTrue(new EscapeControlCharacters().isLoggable(record));
        assertEquals("reason: a\\nb\\r\\nc?[31m?? d\u00e9", record.getMessage());
    }

    @Test
    void parametersAreEscapedAsTheyPrintTextOrNot() {
        LogRecord record = new LogRecord(Level.INFO, "{0} {1} {2}");
        record.setParameters(new Object[] {"x\ny", 42, new Printing("a\r\nb\u001b")});
        new EscapeControlCharacters().isLoggable(record);
        assertEquals("x\\ny 42 a\\r\\nb?", record.getMessage());
        assertNull(record.getParameters(), "the text as written, nothing left to format");
    }

    @Test
    void aPrintfParameterThatPrintsALineBreakIsEscaped() {
        assertEquals("rejected: 2026-01-01 INFO\\nFORGED", filteredPrintf("rejected: %s", new Printing("2026-01-01 INFO\nFORGED")));
    }

    @Test
    void wildFlysPrintfMessagesKeepTheirValues() {
        assertEquals("WFLYSRV0010: Deployed \"waybill.ear\"", filteredPrintf("WFLYSRV0010: Deployed \"%s\"", "waybill.ear"));
    }

    @Test
    void aPrintfMessageThatIsEscapedKeepsItsValuesToo() {
        assertEquals("failed:\\nx\\ny", filteredPrintf("failed:\n%s", "x\ny"));
    }

    /** A record as JBoss Logging makes one for WildFly's messages, through the filter, formatted. */
    private static String filteredPrintf(String pattern, Object value) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, pattern, ExtLogRecord.FormatStyle.PRINTF,
                EscapeControlCharactersTest.class.getName());
        record.setParameters(new Object[] {value});
        new EscapeControlCharacters().isLoggable(record);
        return record.getFormattedMessage();
    }

    @Test
    void aMessageLoggedThroughJavaUtilLoggingAsWaybillLogsIsEscapedInTheRecordTheLogManagerWraps() {
        List<String> written = writtenBehindTheFilter(false, logger -> {
            logger.warning(() -> "Parked: Text 'soon\n2026-01-01 INFO FORGED'");
            logger.warning("Parked: Text 'soon\n2026-01-01 INFO FORGED'");
            logger.log(Level.WARNING, "Parked: {0}", new Printing("soon\n2026-01-01 INFO FORGED"));
        });
        assertEquals(List.of("Parked: Text 'soon\\n2026-01-01 INFO FORGED'",
                "Parked: Text 'soon\\n2026-01-01 INFO FORGED'", "Parked: soon\\n2026-01-01 INFO FORGED"), written);
    }

    @Test
    void aMessageAnotherHandlerFormattedFirstIsEscapedToo() {
        // The record keeps its formatted text: a handler before this filter's (or its formatter) may have read it.
        List<String> written = writtenBehindTheFilter(true, logger -> {
            logger.log(Level.WARNING, "Parked: {0}", "soon\n2026-01-01 INFO FORGED");
            logger.warning(() -> "Parked: soon\n2026-01-01 INFO FORGED");
        });
        assertEquals(List.of("Parked: soon\\n2026-01-01 INFO FORGED", "Parked: soon\\n2026-01-01 INFO FORGED"), written);
    }

    /** What a handler with the filter writes of the records logged to a JBoss LogManager logger, as in WildFly. */
    private static List<String> writtenBehindTheFilter(boolean formattedFirst, Consumer<java.util.logging.Logger> logging) {
        List<String> written = new ArrayList<>();
        java.util.logging.Logger logger = LogContext.create().getLogger("waybill");
        logger.addHandler(new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                if (formattedFirst) {
                    record.getFormattedMessage();
                }
                new EscapeControlCharacters().isLoggable(record);
                written.add(record.getFormattedMessage());
            }
        });
        logging.accept(logger);
        return written;
    }

    @Test
    void aMessageWithNothingToEscapeKeepsItsPatternAndParameters() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Deployed \"%s\"", ExtLogRecord.FormatStyle.PRINTF,
                EscapeControlCharactersTest.class.getName());
        record.setParameters(new Object[] {"waybill.ear"});
        new EscapeControlCharacters().isLoggable(record);
        assertEquals("Deployed \"%s\"", record.getMessage());
        assertArrayEquals(new Object[] {"waybill.ear"}, record.getParameters());
    }

    @Test
    void plainTextIsTheSameString() {
        String text = "Order 1 placed";
        assertTrue(text == EscapeControlCharacters.escape(text));
    }

    /** A parameter that is not text but prints some, as an exception's or a foreign value's toString may. */
    private record Printing(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}

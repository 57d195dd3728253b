package org.waybill.logging;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EscapeControlCharactersTest {
    @Test
    void lineBreaksAreWrittenAsEscapesAndOtherControlsAsQuestionMarks() {
        LogRecord record = new LogRecord(Level.INFO, "reason: a\nb\r\nc\u001b[31m\u0000\u2028 d\u00e9");
        assertTrue(new EscapeControlCharacters().isLoggable(record));
        assertEquals("reason: a\\nb\\r\\nc?[31m?? d\u00e9", record.getMessage());
    }

    @Test
    void textParametersAreEscapedTooOthersLeftAlone() {
        LogRecord record = new LogRecord(Level.INFO, "{0} {1}");
        record.setParameters(new Object[] {"x\ny", 42});
        new EscapeControlCharacters().isLoggable(record);
        assertArrayEquals(new Object[] {"x\\ny", 42}, record.getParameters());
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
        List<String> written = new ArrayList<>();
        java.util.logging.Logger logger = LogContext.create().getLogger("waybill");
        logger.addHandler(new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                new EscapeControlCharacters().isLoggable(record);
                written.add(record.getFormattedMessage());
            }
        });
        logger.warning(() -> "Parked: Text 'soon\n2026-01-01 INFO FORGED'");
        logger.warning("Parked: Text 'soon\n2026-01-01 INFO FORGED'");
        assertEquals(List.of("Parked: Text 'soon\\n2026-01-01 INFO FORGED'",
                "Parked: Text 'soon\\n2026-01-01 INFO FORGED'"), written);
    }

    @Test
    void plainTextIsTheSameString() {
        String text = "Order 1 placed";
        assertTrue(text == EscapeControlCharacters.escape(text));
    }
}

package org.waybill.logging;

import org.junit.jupiter.api.Test;

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
    void plainTextIsTheSameString() {
        String text = "Order 1 placed";
        assertTrue(text == EscapeControlCharacters.escape(text));
    }
}

package org.waybill.messaging;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagingModeTest {
    @Test
    void aModeTheServerWasNotStartedForFailsTheDeployment() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MessagingMode.requireSameAsServer(MessagingMode.XA, null));
        assertTrue(e.getMessage().contains("datasource pool for at-least-once (WAYBILL_MESSAGING_MODE)"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> MessagingMode.requireSameAsServer(MessagingMode.AT_LEAST_ONCE, MessagingMode.DIRECT_XA));
    }

    @Test
    void theModeTheServerWasStartedForPasses() {
        assertDoesNotThrow(() -> MessagingMode.requireSameAsServer(MessagingMode.AT_LEAST_ONCE, null));
        assertDoesNotThrow(() -> MessagingMode.requireSameAsServer(MessagingMode.XA, MessagingMode.XA));
    }
}

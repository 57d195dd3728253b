package org.waybill.deadletters;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterTest {
    private static DeadLetter letter(String consumer, int retries) {
        return new DeadLetter("waybill.events.inventory", "m", "e", "order.created", 1, "o", "why", consumer, 1, null, null, retries, "{}");
    }

    @Test
    void onlyWhatTheBrokerDeadLetteredIsReDrivenAndOnlyUpToTheLimit() {
        assertTrue(letter(null, 0).redrivable(3), "a transient cause may have passed");
        assertTrue(letter(null, 2).redrivable(3));
        assertFalse(letter(null, 3).redrivable(3), "the limit");
        assertFalse(letter("inventory", 0).redrivable(3), "parked by its consumer: unprocessable, an operator decides");
    }
}

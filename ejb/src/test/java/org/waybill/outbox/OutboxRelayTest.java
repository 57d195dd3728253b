package org.waybill.outbox;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** waybill.relay.enabled=false: neither a commit, a notification nor the poll makes the relay publish. */
class OutboxRelayTest {
    @Test
    void aDisabledRelayStartsNoDrain() {
        OutboxRelay relay = new OutboxRelay(); // no executor: starting a drain would throw
        relay.enabled = false;
        assertDoesNotThrow(() -> {
            relay.wake();
            relay.runOnce();
            relay.onAppended(new OutboxAppended());
        });
    }
}

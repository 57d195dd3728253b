package org.waybill.outbox;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** waybill.relay.enabled=false: neither a commit, a notification nor the poll makes the relay publish. */
class OutboxRelayTest {
    @Test
    void aDisabledRelayStartsNoDrain() {
        OutboxRelay relay = new OutboxRelay(); // no executor: starting a drain would throw
        relay.enabled = false;
        relay.wakeUps = new OutboxWakeUps();
        relay.started();
        assertDoesNotThrow(() -> {
            relay.wake();
            relay.runOnce();
            relay.wakeUps.onAppended(new OutboxAppended());
        });
    }
}

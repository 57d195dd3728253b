package org.waybill.bench;

/** One round of the interleaved relay part: the relay's drain, then the broker's limit on the same broker. */
record Round(RelayRun relay, Drain limit) {
    double relayShare() {
        return relay.drain().eventsPerSecond() / limit.eventsPerSecond();
    }
}

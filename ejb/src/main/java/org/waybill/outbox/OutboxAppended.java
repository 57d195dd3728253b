package org.waybill.outbox;

/** Fired when a transaction wrote to the outbox; after its commit the relay wakes instead of waiting to poll. */
public record OutboxAppended() {
}

package org.waybill.messaging;

/** How one delivery to a workflow step ended. */
public enum StepOutcome {
    /** The step's handler ran and its transaction committed. */
    PROCESSED,
    /** The inbox had the event already: a redelivery or a copy, dropped without a second effect. */
    DUPLICATE,
    /** An earlier event of the order is not done at this consumer yet: rolled back, redelivered later. */
    HELD,
    /** The step failed: rolled back, redelivered after its backoff. */
    FAILED,
    /** No retry can make the message processable: parked in its dead-letter queue at once, with the reason. */
    PARKED;

    /** Whether the event is done at this consumer; the operations screen counts every other delivery as failed. */
    public boolean wentThrough() {
        return this == PROCESSED || this == DUPLICATE;
    }

    /** Its name as a tag value of the meters. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

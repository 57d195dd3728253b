package org.waybill.deadletters;

/**
 * What an operator (or the re-drive) does with one dead letter: {@link Kind#RETRY} sends it back to its queue,
 * {@link Kind#DISCARD} removes it for good with a reason. Named as in the audit ({@code operator_actions.action}).
 */
public record DeadLetterAction(Kind kind, String queue, String messageId, String actor, String reason) {
    public enum Kind {
        RETRY("retried"), DISCARD("discarded");

        final String done;

        Kind(String done) {
            this.done = done;
        }
    }

    static DeadLetterAction retry(String queue, String messageId, String actor) {
        return new DeadLetterAction(Kind.RETRY, queue, messageId, actor, null);
    }

    static DeadLetterAction discard(String queue, String messageId, String actor, String reason) {
        return new DeadLetterAction(Kind.DISCARD, queue, messageId, actor, reason);
    }

    @Override
    public String toString() {
        return kind + " by " + actor + " of " + messageId + " in DLQ." + queue + (reason == null ? "" : " (" + reason + ")");
    }
}

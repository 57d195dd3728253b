package org.waybill.operations;

import org.waybill.platform.ApplicationProblem;

/** No outbox row with that id is set aside (never was, or someone retried it already). */
public class SetAsideEventNotFoundException extends ApplicationProblem {
    public SetAsideEventNotFoundException(long outboxId) {
        super(Kind.NOT_FOUND, "no outbox row " + outboxId + " is set aside");
    }
}

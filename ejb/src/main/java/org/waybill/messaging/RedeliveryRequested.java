package org.waybill.messaging;

import jakarta.ejb.ApplicationException;

/**
 * Thrown out of a message-driven bean's {@code onMessage} when its delivery has no transaction (the at-least-once
 * mode, see {@link EventDelivery}) and the step failed: the resource adapter then rolls its session back, and the
 * broker redelivers the message after its backoff, or dead-letters it after the last attempt. An application
 * exception, so the container passes it on as it is and keeps the bean; stackless, because the failure was logged
 * already (and a log filter, configure-logging.cli, drops the adapter's records of it).
 */
@ApplicationException(rollback = true)
public class RedeliveryRequested extends RuntimeException {
    public RedeliveryRequested(String why) {
        super(why, null, false, false);
    }
}

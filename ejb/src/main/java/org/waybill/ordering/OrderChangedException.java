package org.waybill.ordering;

import org.waybill.platform.ApplicationProblem;

/** The caller acted on an older version of the order (If-Match): it changed since; nothing was done. */
public class OrderChangedException extends ApplicationProblem {
    public OrderChangedException(Order order, long expectedVersion) {
        super(Kind.STALE, "order " + order.id() + " changed since version " + expectedVersion + " (it is now version "
                + order.version() + ", " + order.status() + "); read it again before acting on it");
    }
}

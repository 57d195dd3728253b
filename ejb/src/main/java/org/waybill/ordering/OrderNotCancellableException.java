package org.waybill.ordering;

import org.waybill.platform.ApplicationProblem;

/** The order is past the point where it can be cancelled (shipment scheduled), or already cancelled. */
public class OrderNotCancellableException extends ApplicationProblem {
    public OrderNotCancellableException(Order order) {
        super(Kind.CONFLICT, "order " + order.id() + " is " + order.status() + " and can no longer be cancelled");
    }
}

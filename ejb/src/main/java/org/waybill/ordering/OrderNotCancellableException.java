package org.waybill.ordering;

import jakarta.ejb.ApplicationException;

/** The order is past the point where it can be cancelled (shipment scheduled), or already cancelled. */
@ApplicationException(rollback = true)
public class OrderNotCancellableException extends RuntimeException {
    public OrderNotCancellableException(Order order) {
        super("order " + order.id() + " is " + order.status() + " and can no longer be cancelled");
    }
}

package org.waybill.shipping;

/** Where an order's shipment stands. */
public enum ShipmentStatus {
    /** Known from order.created; waiting for the payment. */
    PENDING,
    SCHEDULED,
    /** No carrier can take it; the order is undone. */
    FAILED,
    /** Undone before or after scheduling; a later payment does not schedule it. */
    CANCELLED
}

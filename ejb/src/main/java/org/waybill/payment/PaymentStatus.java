package org.waybill.payment;

/** What happened to an order's payment. */
public enum PaymentStatus {
    /** Known from order.created; not charged yet. */
    PENDING,
    CHARGED,
    DECLINED,
    REFUNDED,
    /** The order was undone before anything was charged; a later charge request is ignored. */
    VOIDED
}

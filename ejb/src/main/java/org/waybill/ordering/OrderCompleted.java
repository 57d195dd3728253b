package org.waybill.ordering;

import org.waybill.events.EventType;

import java.util.UUID;

/** Event {@code order.completed} v1: paid, shipment scheduled, receipt sent. */
public record OrderCompleted(UUID orderId) {
    public static final EventType TYPE = new EventType("order.completed", 1);
}

package org.waybill.contracts;

import java.util.UUID;

/**
 * The payload of an event that belongs to an order, which it names. Every event a Waybill consumer takes is one, and
 * its message's {@code aggregateId} must name the same order: the consumer keeps the order's events in order and
 * holds it by the aggregate id, while its work touches the order the payload names.
 */
public interface OrderEvent {
    UUID orderId();
}

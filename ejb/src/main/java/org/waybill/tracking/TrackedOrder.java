package org.waybill.tracking;

import org.waybill.contracts.ShippingAddress;
import org.waybill.deadletters.DeadLetter;
import org.waybill.messaging.DeliveryHold;
import org.waybill.ordering.OrderDetails;
import org.waybill.ordering.OrderStatus;
import org.waybill.payment.PaymentView;
import org.waybill.shipping.ShipmentView;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The order page's read model: the order as ordering knows it, with what payment and shipping know of it, and for
 * operators the steps retrying one of its events and its dead letters (null for customers, and dead letters null
 * while the broker is away). One flat document, as the API has always answered it.
 */
public record TrackedOrder(UUID id, String customerId, OrderStatus status, String statusReason, Set<String> waitingFor,
                           Instant placedAt, Instant updatedAt, long version, BigDecimal total, String currency,
                           ShippingAddress shippingAddress, String traceId, List<OrderDetails.Line> lines, List<OrderDetails.TimelineEntry> timeline,
                           PaymentView payment, ShipmentView shipment, List<DeliveryHold> retries,
                           List<DeadLetter> deadLetters) {

    static TrackedOrder of(OrderDetails order, PaymentView payment, ShipmentView shipment, List<DeliveryHold> retries,
                           List<DeadLetter> deadLetters) {
        return new TrackedOrder(order.id(), order.customerId(), order.status(), order.statusReason(),
                order.waitingFor(), order.placedAt(), order.updatedAt(), order.version(), order.total(), order.currency(),
                order.shippingAddress(), order.traceId(), order.lines(),
                order.timeline(), payment, shipment, retries, deadLetters);
    }
}

package org.waybill.contracts;

import java.util.Optional;
import java.util.UUID;

/**
 * Query port: an order's customer and lines, the one read across workflow areas that the events do not carry
 * (notification writes them into the receipt). Ordering implements it; the caller knows no ordering class.
 */
public interface OrderContentsQuery {
    Optional<OrderContents> find(UUID orderId);
}

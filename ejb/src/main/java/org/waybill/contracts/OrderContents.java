package org.waybill.contracts;

import java.util.List;
import java.util.UUID;

/** What an order contains, for areas that write about it (the receipt): read through {@link OrderContentsQuery}. */
public record OrderContents(UUID orderId, String customerId, List<Line> lines, Money total) {
    public record Line(String sku, int quantity, Money unitPrice) {
    }
}

package org.waybill.contracts;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What an order contains, for areas that write about it (the receipt): read through {@link OrderContentsQuery}. Every
 * price and the total are in {@code currency} (ISO 4217).
 */
public record OrderContents(UUID orderId, String customerId, String currency, List<Line> lines, BigDecimal total) {
    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }
}

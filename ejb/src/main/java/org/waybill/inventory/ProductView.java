package org.waybill.inventory;

import java.math.BigDecimal;

/** A product as the order screen and the API show it: what it is, its price, how many can be ordered now. */
public record ProductView(String sku, String name, BigDecimal unitPrice, int available) {
}

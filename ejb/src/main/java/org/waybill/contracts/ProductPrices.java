package org.waybill.contracts;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Query port: the catalogue's current unit prices, which an order takes over when it is placed. Inventory owns the
 * catalogue and implements this; ordering reads through it without knowing inventory's classes.
 */
public interface ProductPrices {
    /** The currency of every price in the catalogue (ISO 4217): an order is priced, and paid, in it. */
    String CURRENCY = "EUR";

    /** The unit price of each of these SKUs that exists, by SKU; unknown SKUs are absent. */
    Map<String, BigDecimal> pricesOf(Collection<String> skus);
}

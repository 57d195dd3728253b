package org.waybill.inventory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.contracts.ProductPrices;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads the product catalogue: what exists, its price, how much is available. */
@ApplicationScoped
public class Catalogue implements ProductPrices {
    @PersistenceContext
    EntityManager em;

    /** Every product, by name, with its stock available now. */
    public List<ProductView> all() {
        return em.createQuery("select p from Product p order by p.name", Product.class).getResultStream()
                .map(p -> new ProductView(p.sku(), p.name(), p.unitPrice(), p.available())).toList();
    }

    @Override
    public Map<String, BigDecimal> pricesOf(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        return Products.of(em, skus).stream().collect(Collectors.toMap(Product::sku, Product::unitPrice));
    }
}

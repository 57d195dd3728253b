package org.waybill.inventory;

import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

import java.util.Collection;
import java.util.List;

/**
 * The products of a set of SKUs, in one statement whose plan Hibernate keeps. The SKUs go as one array parameter
 * ({@code sku = ANY(?)}, read through the primary key): with a list parameter ({@code sku in :skus}) Hibernate
 * translates the query anew at every call (2.2% of WildFly's CPU in a benchmark profile, issue 17). Unknown SKUs are
 * absent from the result.
 */
public final class Products {
    /**
     * Inventory's lock on the products it reserves: the lock its update takes, no stronger. {@code FOR NO KEY UPDATE}
     * lets a new order's lines pass their foreign key to the product ({@code FOR KEY SHARE}); {@code FOR UPDATE}
     * would make every order of a product wait at the intake until the reservation commits. In SKU order, so that two
     * transactions locking the same products never wait for each other in a ring.
     */
    public static final String LOCKED_IN_SKU_ORDER =
            "SELECT * FROM products WHERE sku = ANY(?1) ORDER BY sku FOR NO KEY UPDATE";

    private Products() {
    }

    static List<Product> of(EntityManager em, Collection<String> skus) {
        return query(em, "SELECT * FROM products WHERE sku = ANY(?1)", skus);
    }

    static List<Product> lockedInSkuOrder(EntityManager em, Collection<String> skus) {
        return query(em, LOCKED_IN_SKU_ORDER, skus);
    }

    @SuppressWarnings("unchecked")
    private static List<Product> query(EntityManager em, String sql, Collection<String> skus) {
        return em.createNativeQuery(sql, Product.class)
                .unwrap(NativeQuery.class)
                // Flushes first only when a product has changes, as a JPQL query of products does.
                .addSynchronizedEntityClass(Product.class)
                .setParameter(1, skus.toArray(String[]::new))
                .getResultList();
    }
}

package org.waybill.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** A product of the catalogue with its stock: on hand, and how much of that is held for orders. */
@Entity
@Table(name = "products")
public class Product {
    @Id
    private String sku;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "unit_price", nullable = false)
    private BigDecimal unitPrice;

    @Column(name = "stock_on_hand", nullable = false)
    private int stockOnHand;

    @Column(name = "stock_reserved", nullable = false)
    private int stockReserved;

    protected Product() {
    }

    void reserve(int quantity) {
        if (quantity > available()) {
            throw new IllegalStateException(sku + ": cannot reserve " + quantity + ", " + available() + " available");
        }
        stockReserved += quantity;
    }

    void release(int quantity) {
        if (quantity > stockReserved) {
            throw new IllegalStateException(sku + ": cannot release " + quantity + ", " + stockReserved + " reserved");
        }
        stockReserved -= quantity;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public BigDecimal unitPrice() {
        return unitPrice;
    }

    public int available() {
        return stockOnHand - stockReserved;
    }
}

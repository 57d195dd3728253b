package org.waybill.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Stock of one product held for one order. */
@Entity
@Table(name = "stock_reservations")
public class StockReservation {
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "order_id")
        private UUID orderId;

        @Column(name = "sku")
        private String sku;

        protected Key() {
        }

        Key(UUID orderId, String sku) {
            this.orderId = orderId;
            this.sku = sku;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.orderId.equals(orderId) && k.sku.equals(sku);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderId, sku);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    @Column(name = "reserved_at", nullable = false)
    private Instant reservedAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    protected StockReservation() {
    }

    StockReservation(UUID orderId, String sku, int quantity, Instant reservedAt) {
        this.key = new Key(orderId, sku);
        this.quantity = quantity;
        this.reservedAt = reservedAt;
    }

    String sku() {
        return key.sku;
    }

    int quantity() {
        return quantity;
    }

    void release(Instant at) {
        releasedAt = at;
    }
}

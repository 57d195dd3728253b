package org.waybill.shipping;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The shipment of one order. */
@Entity
@Table(name = "shipments")
public class Shipment {
    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "units", nullable = false)
    private int units;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private ShipmentStatus status;

    @Column(name = "carrier")
    private String carrier;

    @Column(name = "ship_date")
    private LocalDate shipDate;

    @Column(name = "tracking_number")
    private String trackingNumber;

    @Column(name = "reason")
    private String reason;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Shipment() {
    }

    Shipment(UUID orderId, int units, Instant at) {
        this.orderId = orderId;
        this.units = units;
        this.status = ShipmentStatus.PENDING;
        this.updatedAt = at;
    }

    void schedule(String carrier, LocalDate shipDate, String trackingNumber, Instant at) {
        this.carrier = carrier;
        this.shipDate = shipDate;
        this.trackingNumber = trackingNumber;
        move(ShipmentStatus.SCHEDULED, null, at);
    }

    void fail(String why, Instant at) {
        move(ShipmentStatus.FAILED, why, at);
    }

    void cancel(Instant at) {
        move(ShipmentStatus.CANCELLED, reason, at);
    }

    private void move(ShipmentStatus to, String why, Instant at) {
        status = to;
        reason = why;
        updatedAt = at;
    }

    public UUID orderId() {
        return orderId;
    }

    public int units() {
        return units;
    }

    public ShipmentStatus status() {
        return status;
    }

    ShipmentView view() {
        return new ShipmentView(status, units, carrier, shipDate, trackingNumber, reason, updatedAt);
    }
}

package org.waybill.ordering;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An order and its status; the aggregate that every workflow event belongs to. */
@Entity
@Table(name = "orders")
public class Order {
    public static final String AGGREGATE_TYPE = "order";

    @Id
    private UUID id;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private OrderStatus status;

    @Column(name = "status_reason")
    private String statusReason;

    @Column(name = "placed_at", nullable = false)
    private Instant placedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLine> lines = new ArrayList<>();

    protected Order() {
    }

    static Order place(String customerId, List<OrderLine> lines, Instant now) {
        Order order = new Order();
        order.id = UUID.randomUUID();
        order.customerId = customerId;
        order.lines.addAll(lines);
        order.status = OrderStatus.PLACED;
        order.placedAt = now;
        order.updatedAt = now;
        return order;
    }

    /**
     * Moves the order on. The workflow only moves forward from {@code from}; anything else means an event arrived
     * that does not fit this order's history, which must not be silently applied.
     */
    void advance(OrderStatus from, OrderStatus to, String reason, Instant at) {
        if (status != from) {
            throw new IllegalStateException("order " + id + " is " + status + ", cannot move from " + from + " to " + to);
        }
        status = to;
        statusReason = reason;
        updatedAt = at;
    }

    public UUID id() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    public OrderStatus status() {
        return status;
    }

    public String statusReason() {
        return statusReason;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<OrderLine> lines() {
        return List.copyOf(lines);
    }
}

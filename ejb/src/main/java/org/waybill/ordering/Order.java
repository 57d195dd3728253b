package org.waybill.ordering;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.waybill.contracts.ShippingAddress;
import org.waybill.platform.RetryLaterException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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

    @Column(name = "payment_token", nullable = false)
    private String paymentToken;

    /** ISO 4217: the currency of the unit prices. */
    @Column(name = "currency", nullable = false)
    private String currency;

    /** Where the order goes: all five or none (the customer gave no address). */
    @Column(name = "shipping_name")
    private String shippingName;

    @Column(name = "shipping_street")
    private String shippingStreet;

    @Column(name = "shipping_postal_code")
    private String shippingPostalCode;

    @Column(name = "shipping_city")
    private String shippingCity;

    @Column(name = "shipping_country")
    private String shippingCountry;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private OrderStatus status;

    @Column(name = "status_reason")
    private String statusReason;

    /** While CANCELLING: the steps (inventory, payment, shipping) that have not confirmed their undo yet. */
    @Column(name = "pending_compensations")
    private String pendingCompensations;

    @Column(name = "placed_at", nullable = false)
    private Instant placedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** The client's key for the request that placed the order; a retry with the same key gets this order back. */
    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;

    /** The span that placed the order (W3C): its trace is the order's; null for orders placed before tracing. */
    @Column(name = "traceparent", updatable = false)
    private String traceparent;

    @Version
    private long version;

    @ElementCollection
    @CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLine> lines = new ArrayList<>();

    protected Order() {
    }

    static Order place(PlaceOrder command, List<OrderLine> lines, String idempotencyKey, String traceparent,
                       Instant now) {
        Order order = new Order();
        order.id = UUID.randomUUID();
        order.traceparent = traceparent;
        order.idempotencyKey = idempotencyKey;
        order.customerId = command.customerId();
        order.paymentToken = command.paymentTokenOrDefault();
        order.currency = command.currencyOrDefault();
        ShippingAddress address = command.shippingAddress();
        if (address != null) {
            order.shippingName = address.name();
            order.shippingStreet = address.street();
            order.shippingPostalCode = address.postalCode();
            order.shippingCity = address.city();
            order.shippingCountry = address.country();
        }
        order.lines.addAll(lines);
        order.status = OrderStatus.PLACED;
        order.placedAt = now;
        order.updatedAt = now;
        return order;
    }

    public String traceparent() {
        return traceparent;
    }

    /** Whether the command asks for exactly this order: same customer, payment token, currency, address and lines. */
    boolean wasPlacedBy(PlaceOrder command) {
        if (!customerId.equals(command.customerId()) || !paymentToken.equals(command.paymentTokenOrDefault())
                || !currency.equals(command.currencyOrDefault())
                || !Objects.equals(shippingAddress(), command.shippingAddress())
                || lines.size() != command.lines().size()) {
            return false;
        }
        for (int i = 0; i < lines.size(); i++) {
            PlaceOrder.Line asked = command.lines().get(i);
            if (!lines.get(i).sku().equals(asked.sku()) || lines.get(i).quantity() != asked.quantity()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Moves the order on. The workflow only moves forward from {@code from}; anything else means an event arrived
     * that does not fit this order's history, which must not be silently applied.
     */
    void advance(OrderStatus from, OrderStatus to, Instant at) {
        if (status != from) {
            throw new IllegalStateException("order " + id + " is " + status + ", cannot move from " + from + " to " + to);
        }
        status = to;
        updatedAt = at;
    }

    /** The last step of the forward path is done; a reason says what did not go as usual (null if all did). */
    void complete(String reason, Instant at) {
        advance(OrderStatus.SHIPMENT_SCHEDULED, OrderStatus.COMPLETED, at);
        statusReason = reason;
    }

    /** Starts undoing the steps that may hold something for this order; with none to wait for, it is cancelled. */
    void cancel(String reason, Set<String> stepsToUndo, Instant at) {
        if (status == OrderStatus.CANCELLING || status.isFinal()) {
            throw new IllegalStateException("order " + id + " is " + status + ", it cannot be cancelled");
        }
        statusReason = reason;
        pendingCompensations = String.join(",", stepsToUndo);
        status = stepsToUndo.isEmpty() ? OrderStatus.CANCELLED : OrderStatus.CANCELLING;
        updatedAt = at;
    }

    /**
     * A step confirmed it undid its work. Confirmations are a set: a step that confirms twice (it undid for a
     * declined payment and then for the customer's cancel) counts once, and one after the order is CANCELLED changes
     * nothing.
     *
     * @return true when this was the last one and the order is now CANCELLED
     * @throws RetryLaterException if the order is not being cancelled yet: the event that starts its undo has not
     *                             reached ordering; the confirmation waits for it instead of being lost
     */
    boolean compensated(String step, Instant at) {
        if (status == OrderStatus.CANCELLED) {
            return false;
        }
        if (status != OrderStatus.CANCELLING) {
            throw new RetryLaterException("order " + id + " is " + status + ", not cancelling yet: " + step
                    + "'s undo waits for the event that cancels it");
        }
        Set<String> pending = pendingCompensations();
        pending.remove(step);
        pendingCompensations = String.join(",", pending);
        updatedAt = at;
        if (pending.isEmpty()) {
            status = OrderStatus.CANCELLED;
            return true;
        }
        return false;
    }

    public Set<String> pendingCompensations() {
        Set<String> pending = new LinkedHashSet<>();
        if (pendingCompensations != null && !pendingCompensations.isBlank()) {
            pending.addAll(Arrays.asList(pendingCompensations.split(",")));
        }
        return pending;
    }

    public BigDecimal total() {
        return lines.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public UUID id() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    public String paymentToken() {
        return paymentToken;
    }

    public String currency() {
        return currency;
    }

    /** Null when the customer gave none. */
    public ShippingAddress shippingAddress() {
        return shippingName == null ? null
                : new ShippingAddress(shippingName, shippingStreet, shippingPostalCode, shippingCity, shippingCountry);
    }

    public OrderStatus status() {
        return status;
    }

    public String statusReason() {
        return statusReason;
    }

    /** Changes with every change of the order; the API's ETag. */
    public long version() {
        return version;
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

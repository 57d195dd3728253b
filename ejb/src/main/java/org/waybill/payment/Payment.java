package org.waybill.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.waybill.contracts.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The payment of one order. */
@Entity
@Table(name = "payments")
public class Payment {
    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "amount", nullable = false)
    private BigDecimal amount;

    @Column(name = "currency", nullable = false)
    private String currency;

    @Column(name = "payment_token", nullable = false)
    private String paymentToken;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private PaymentStatus status;

    @Column(name = "charge_id")
    private String chargeId;

    @Column(name = "reason")
    private String reason;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Payment() {
    }

    Payment(UUID orderId, String customerId, Money amount, String paymentToken, Instant at) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.amount = amount.value();
        this.currency = amount.currency();
        this.paymentToken = paymentToken;
        this.status = PaymentStatus.PENDING;
        this.updatedAt = at;
    }

    void charged(String chargeId, Instant at) {
        this.chargeId = chargeId;
        move(PaymentStatus.CHARGED, null, at);
    }

    void declined(String reason, Instant at) {
        move(PaymentStatus.DECLINED, reason, at);
    }

    void refunded(Instant at) {
        move(PaymentStatus.REFUNDED, reason, at);
    }

    void voided(Instant at) {
        move(PaymentStatus.VOIDED, reason, at);
    }

    private void move(PaymentStatus to, String why, Instant at) {
        status = to;
        reason = why;
        updatedAt = at;
    }

    public UUID orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public Money amount() {
        return new Money(amount, currency);
    }

    public String paymentToken() {
        return paymentToken;
    }

    public PaymentStatus status() {
        return status;
    }

    public String chargeId() {
        return chargeId;
    }

    PaymentView view() {
        return new PaymentView(status, amount, currency, chargeId, reason, updatedAt);
    }
}

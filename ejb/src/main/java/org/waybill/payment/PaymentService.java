package org.waybill.payment;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.waybill.contracts.Money;
import org.waybill.contracts.OrderCreated;
import org.waybill.contracts.PaymentCharged;
import org.waybill.contracts.PaymentDeclined;
import org.waybill.contracts.PaymentRefunded;
import org.waybill.events.EventEnvelope;
import org.waybill.outbox.Outbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Charges the customer once stock is reserved, and refunds when the order is undone. A declined charge is a
 * business outcome (an event, no retry); a gateway that does not answer throws, the transaction rolls back and the
 * broker redelivers the event later.
 */
@Stateless
public class PaymentService {
    private static final Logger LOG = Logger.getLogger(PaymentService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    PaymentGateway gateway;

    @Inject
    HeldPaymentCredentials credentials;

    /**
     * order.created: the payment the order will need, pending until stock is reserved, with the credential held for
     * it since the order was placed.
     */
    public void open(EventEnvelope cause, OrderCreated order) {
        String token = credentials.take(order.orderId()).orElseThrow(() -> new IllegalStateException(
                "payment holds no credential for order " + order.orderId()));
        em.persist(new Payment(order.orderId(), order.customerId(), order.total(), token, Instant.now()));
    }

    /**
     * Why an event of the order can never be processed here: payment never learnt of the order. Its record is written
     * by the order's order.created, which every later event of the order waits for at this consumer, so none means an
     * order never placed, or one whose order.created was discarded here.
     */
    public Optional<String> unknownOrder(UUID orderId) {
        // Locked as the handler locks it, which then finds the row locked in the persistence context: one statement
        // for both (a count first cost a round trip per delivery).
        return locked(orderId).isPresent() ? Optional.empty()
                : Optional.of("payment knows no order " + orderId + ": its order.created never reached payment");
    }

    /** The order's payment, once payment has heard of the order. */
    public Optional<PaymentView> view(UUID orderId) {
        return Optional.ofNullable(em.find(Payment.class, orderId)).map(Payment::view);
    }

    /** inventory.reserved: the order can be paid. */
    public void charge(EventEnvelope cause, UUID orderId) {
        Payment payment = lock(orderId);
        if (payment.status() != PaymentStatus.PENDING) {
            LOG.info(() -> "Payment of order " + orderId + " is " + payment.status() + ", not charging");
            return;
        }
        // A gateway that does not answer throws GatewayUnavailableException: the charge is retried.
        PaymentGateway.ChargeResult result = gateway.charge(orderId, payment.customerId(), payment.paymentToken(),
                payment.amount());
        Instant now = Instant.now();
        if (result instanceof PaymentGateway.Approved approved) {
            payment.charged(approved.chargeId(), now);
            outbox.appendCausedBy(cause, PaymentCharged.TYPE, new PaymentCharged(orderId, payment.amount(), approved.chargeId()));
            LOG.info(() -> "Charged " + payment.amount() + " for order " + orderId);
        } else if (result instanceof PaymentGateway.Declined declined) {
            payment.declined(declined.reason(), now);
            outbox.appendCausedBy(cause, PaymentDeclined.TYPE, new PaymentDeclined(orderId, payment.amount(),
                    declined.reason()));
            LOG.info(() -> "Payment for order " + orderId + " declined: " + declined.reason());
        }
    }

    /** Gives the money back if any was taken, and confirms the undo either way. */
    public void refund(EventEnvelope cause, UUID orderId) {
        Payment payment = lock(orderId);
        Instant now = Instant.now();
        BigDecimal refunded = BigDecimal.ZERO;
        switch (payment.status()) {
            case CHARGED -> {
                gateway.refund(orderId, payment.chargeId(), payment.amount());
                payment.refunded(now);
                refunded = payment.amount().value();
            }
            case PENDING -> payment.voided(now);
            default -> {
                // DECLINED, REFUNDED, VOIDED: nothing is held
            }
        }
        Money amount = new Money(refunded, payment.amount().currency());
        outbox.appendCausedBy(cause, PaymentRefunded.TYPE, new PaymentRefunded(orderId, amount));
        LOG.info(() -> "Refunded " + amount + " for order " + orderId + " (" + cause.type() + ")");
    }

    private Optional<Payment> locked(UUID orderId) {
        return Optional.ofNullable(em.find(Payment.class, orderId, LockModeType.PESSIMISTIC_WRITE));
    }

    private Payment lock(UUID orderId) {
        return locked(orderId).orElseThrow(() -> new IllegalStateException("payment knows no order " + orderId));
    }
}

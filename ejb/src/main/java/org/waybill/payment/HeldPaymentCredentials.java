package org.waybill.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.waybill.contracts.PaymentCredentials;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Payment's side of the {@link PaymentCredentials} port: the credential waits in {@code payment_credentials} from the
 * moment the order is placed until payment learns of the order and moves it into the order's payment.
 */
@ApplicationScoped
public class HeldPaymentCredentials implements PaymentCredentials {
    @PersistenceContext
    EntityManager em;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(UUID orderId, String paymentToken) {
        em.createNativeQuery("INSERT INTO payment_credentials (order_id, payment_token, held_at) VALUES (?1, ?2, now())")
                .setParameter(1, orderId)
                .setParameter(2, paymentToken)
                .executeUpdate();
    }

    /** Takes the order's credential out of holding; empty if it was taken already or never held. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<String> take(UUID orderId) {
        @SuppressWarnings("unchecked")
        List<String> tokens = em.createNativeQuery(
                        "DELETE FROM payment_credentials WHERE order_id = ?1 RETURNING payment_token")
                .setParameter(1, orderId)
                .getResultList();
        return tokens.stream().findFirst();
    }
}

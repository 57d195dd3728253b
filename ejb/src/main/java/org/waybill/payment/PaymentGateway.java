package org.waybill.payment;

import org.waybill.contracts.Money;
import java.util.List;
import java.util.UUID;

/**
 * The port to whoever moves the money. Waybill ships a sandbox adapter; a real gateway replaces it by providing
 * another implementation of this interface.
 * <p>
 * Both calls carry the order id as idempotency key, so a retried call after a crash does not charge twice.
 * Business outcomes are results; a gateway that cannot answer now throws {@link GatewayUnavailableException}, and
 * the step is retried.
 */
public interface PaymentGateway {

    sealed interface ChargeResult permits Approved, Declined {
    }

    record Approved(String chargeId) implements ChargeResult {
    }

    record Declined(String reason) implements ChargeResult {
    }

    ChargeResult charge(UUID idempotencyKey, String customerId, String paymentToken, Money amount);

    void refund(UUID idempotencyKey, String chargeId, Money amount);

    /** Tokens a person may pick on the order form to try this gateway's paths; none for a real gateway. */
    List<String> sampleTokens();
}

package org.waybill.payment;

import org.waybill.contracts.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A payment gateway for development and tests, with rules instead of money.
 * <ul>
 *   <li>Token {@code tok_sandbox} (or any other) is approved.</li>
 *   <li>Token {@code tok_declined} is declined ("card declined"); so is any amount above
 *       {@code waybill.payment.sandbox.decline-above} (default 5000.00).</li>
 *   <li>Token {@code tok_flaky} times out on the first {@value #FLAKY_FAILURES} attempts per order, then works: a
 *       transient failure the step retries.</li>
 *   <li>{@code waybill.payment.sandbox.latency-ms} (default 0) and {@code waybill.payment.sandbox.failure-rate}
 *       (default 0.0, a share of calls that time out) simulate a slow or unreliable gateway.</li>
 * </ul>
 * Like a real gateway it answers a repeated charge with the same idempotency key with the first result.
 * Each setting can also be given as an environment variable, e.g. WAYBILL_PAYMENT_SANDBOX_DECLINE_ABOVE.
 */
@ApplicationScoped
public class SandboxPaymentGateway implements PaymentGateway {
    static final String APPROVED_TOKEN = "tok_sandbox";
    static final String DECLINED_TOKEN = "tok_declined";
    static final String FLAKY_TOKEN = "tok_flaky";
    static final int FLAKY_FAILURES = 2;

    @Inject
    @ConfigProperty(name = "waybill.payment.sandbox.decline-above", defaultValue = "5000.00")
    BigDecimal declineAbove;

    @Inject
    @ConfigProperty(name = "waybill.payment.sandbox.latency-ms", defaultValue = "0")
    long latencyMillis;

    @Inject
    @ConfigProperty(name = "waybill.payment.sandbox.failure-rate", defaultValue = "0.0")
    double failureRate;

    private final Map<UUID, ChargeResult> charges = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> flakyAttempts = new ConcurrentHashMap<>();

    @Override
    public ChargeResult charge(UUID idempotencyKey, String customerId, String paymentToken, Money amount) {
        simulateNetwork();
        if (FLAKY_TOKEN.equals(paymentToken) && flakyAttempts.merge(idempotencyKey, 1, Integer::sum) <= FLAKY_FAILURES) {
            throw new GatewayUnavailableException("sandbox gateway timed out (tok_flaky)");
        }
        return charges.computeIfAbsent(idempotencyKey, key -> {
            if (DECLINED_TOKEN.equals(paymentToken)) {
                return new Declined("card declined");
            }
            if (amount.value().compareTo(declineAbove) > 0) {
                return new Declined("amount " + amount + " exceeds the limit of " + declineAbove);
            }
            return new Approved("ch_" + key.toString().replace("-", "").substring(0, 20));
        });
    }

    @Override
    public void refund(UUID idempotencyKey, String chargeId, Money amount) {
        simulateNetwork();
    }

    private void simulateNetwork() {
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GatewayUnavailableException("interrupted while waiting for the sandbox gateway");
            }
        }
        if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
            throw new GatewayUnavailableException("sandbox gateway timed out (simulated failure rate " + failureRate + ")");
        }
    }

    @Override
    public List<String> sampleTokens() {
        return List.of(APPROVED_TOKEN, DECLINED_TOKEN, FLAKY_TOKEN);
    }
}

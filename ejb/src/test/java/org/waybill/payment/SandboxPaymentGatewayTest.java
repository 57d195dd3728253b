package org.waybill.payment;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.waybill.contracts.Money;

import java.math.BigDecimal;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SandboxPaymentGatewayTest {
    private final SandboxPaymentGateway gateway = new SandboxPaymentGateway();

    @BeforeEach
    void defaults() {
        gateway.declineAbove = new BigDecimal("5000.00");
        gateway.latencyMillis = 0;
        gateway.failureRate = 0.0;
    }

    @Test
    void approvesOrdinaryCharges() {
        assertInstanceOf(PaymentGateway.Approved.class,
                gateway.charge(UUID.randomUUID(), "alice", "tok_sandbox", eur(new BigDecimal("43.00"))));
    }

    @Test
    void declinesTheDeclinedTokenAndAmountsAboveTheLimit() {
        var declined = (PaymentGateway.Declined) gateway.charge(UUID.randomUUID(), "alice", "tok_declined", eur(BigDecimal.ONE));
        assertEquals("card declined", declined.reason());
        var tooMuch = (PaymentGateway.Declined) gateway.charge(UUID.randomUUID(), "alice", "tok_sandbox",
                eur(new BigDecimal("5000.01")));
        assertEquals("amount 5000.01 EUR exceeds the limit of 5000.00", tooMuch.reason());
    }

    @Test
    void theFlakyTokenFailsTransientlyTwiceThenWorks() {
        UUID order = UUID.randomUUID();
        assertThrows(GatewayUnavailableException.class, () -> gateway.charge(order, "a", "tok_flaky", eur(BigDecimal.TEN)));
        assertThrows(GatewayUnavailableException.class, () -> gateway.charge(order, "a", "tok_flaky", eur(BigDecimal.TEN)));
        assertInstanceOf(PaymentGateway.Approved.class, gateway.charge(order, "a", "tok_flaky", eur(BigDecimal.TEN)));
    }

    @Test
    void aRepeatedChargeWithTheSameKeyGetsTheFirstAnswer() {
        UUID order = UUID.randomUUID();
        var first = (PaymentGateway.Approved) gateway.charge(order, "alice", "tok_sandbox", eur(BigDecimal.TEN));
        var again = (PaymentGateway.Approved) gateway.charge(order, "alice", "tok_sandbox", eur(BigDecimal.TEN));
        assertEquals(first.chargeId(), again.chargeId());
    }

    @Test
    void aFailureRateOfOneFailsEveryCall() {
        gateway.failureRate = 1.0;
        assertThrows(GatewayUnavailableException.class,
                () -> gateway.charge(UUID.randomUUID(), "alice", "tok_sandbox", eur(BigDecimal.TEN)));
    }

    private static Money eur(BigDecimal value) {
        return new Money(value, "EUR");
    }
}

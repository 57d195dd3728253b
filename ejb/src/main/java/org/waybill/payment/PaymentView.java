package org.waybill.payment;

import java.math.BigDecimal;
import java.time.Instant;

/** An order's payment as the screens and the API show it. */
public record PaymentView(PaymentStatus status, BigDecimal amount, String currency, String chargeId, String reason,
                          Instant updatedAt) {
}

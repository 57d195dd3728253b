package org.waybill.contracts;

import org.waybill.events.UpcasterChain;

import java.util.List;

/**
 * Every upcaster of the published contracts, in one chain: where a message or a stored event is read, an older
 * version of a type is rewritten as the version its reader is written against.
 */
public final class Upcasters {
    /**
     * The currency of every amount written before {@code order.created} v2 and the payment events' v2 named one: the
     * shop sold in euros only.
     */
    static final String CURRENCY_BEFORE_V2 = "EUR";

    public static final UpcasterChain CHAIN = new UpcasterChain(List.of(
            new OrderCreatedFromV1(),
            new AmountInEurosFromV1(PaymentCharged.TYPE),
            new AmountInEurosFromV1(PaymentDeclined.TYPE),
            new AmountInEurosFromV1(PaymentRefunded.TYPE)));

    private Upcasters() {
    }
}

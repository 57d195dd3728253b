package org.waybill.contracts;

import jakarta.json.JsonObject;
import org.waybill.events.EventType;
import org.waybill.events.Upcaster;
import org.waybill.platform.JsonFactories;

/**
 * v1 to v2 of the payment events whose v1 had a bare amount ({@code payment.charged}, {@code payment.declined},
 * {@code payment.refunded}): it becomes an amount with its currency, euros before v2. The rest of the document stays.
 */
final class AmountInEurosFromV1 implements Upcaster {
    private final EventType from;

    /** @param type the event type; its v1 is read */
    AmountInEurosFromV1(EventType type) {
        this.from = new EventType(type.name(), 1);
    }

    @Override
    public EventType from() {
        return from;
    }

    @Override
    public JsonObject apply(JsonObject v1) {
        return JsonFactories.BUILDERS.createObjectBuilder(v1)
                .add("amount", JsonFactories.BUILDERS.createObjectBuilder()
                        .add("value", v1.get("amount"))
                        .add("currency", Upcasters.CURRENCY_BEFORE_V2))
                .build();
    }
}

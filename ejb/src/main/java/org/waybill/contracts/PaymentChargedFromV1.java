package org.waybill.contracts;

import jakarta.json.JsonObject;
import org.waybill.events.EventType;
import org.waybill.events.Upcaster;
import org.waybill.platform.JsonFactories;

/** {@code payment.charged} v1 to v2: the bare amount becomes an amount with its currency, euros before v2. */
final class PaymentChargedFromV1 implements Upcaster {
    @Override
    public EventType from() {
        return new EventType(PaymentCharged.TYPE.name(), 1);
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

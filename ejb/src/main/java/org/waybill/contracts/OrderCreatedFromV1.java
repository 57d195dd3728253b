package org.waybill.contracts;

import jakarta.json.JsonObject;
import org.waybill.events.EventType;
import org.waybill.events.Upcaster;
import org.waybill.platform.JsonFactories;

/**
 * {@code order.created} v1 to v2: the payment credential some v1 documents still carry (written before migration
 * V11) is dropped, never read; the prices were in euros; no shipping address was asked for, so there is none.
 */
final class OrderCreatedFromV1 implements Upcaster {
    @Override
    public EventType from() {
        return new EventType(OrderCreated.TYPE.name(), 1);
    }

    @Override
    public JsonObject apply(JsonObject v1) {
        return JsonFactories.BUILDERS.createObjectBuilder(v1)
                .remove("paymentToken")
                .add("currency", Upcasters.CURRENCY_BEFORE_V2)
                .build();
    }
}

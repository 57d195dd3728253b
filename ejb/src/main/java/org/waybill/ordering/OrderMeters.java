package org.waybill.ordering;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.waybill.platform.StartupMeterBinder;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long orders take from placing to their final status, for Prometheus: {@value #COMPLETION}, a histogram by final
 * status, counted once the transaction that ended the order committed. Its count is the number of orders that ended
 * on this node; the orders still under way are {@code waybill.orders} (operations).
 */
@ApplicationScoped
public class OrderMeters extends StartupMeterBinder {
    public static final String COMPLETION = "waybill.order.completion";
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

    private final Map<OrderStatus, Timer> completion = new EnumMap<>(OrderStatus.class);

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OrderStatus status : OrderStatus.values()) {
            if (status.isFinal()) {
                completion.put(status, Timer.builder(COMPLETION)
                        .description("Time from an order being placed to its final status")
                        .tag("status", status.name())
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry));
            }
        }
    }

    void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderEnded ended) {
        completion.get(ended.status()).record(ended.took());
    }
}

package org.waybill.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.waybill.messaging.Destinations;
import org.waybill.ordering.OrderStatus;
import org.waybill.platform.StartupMeterBinder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The figures {@link OperationsMonitor} samples every {@value OperationsMonitor#PERIOD_SECONDS} s, as Prometheus
 * gauges: the outbox ({@value #OUTBOX_BACKLOG}, {@value #OUTBOX_LAG}, {@value #OUTBOX_SET_ASIDE}), each consumed
 * queue and its dead-letter queue ({@value #QUEUE_MESSAGES}, {@value #DEAD_LETTERS}) and the orders under way by
 * status ({@value #ORDERS}). A scrape reads the last sample and costs no query; a sample older than
 * {@link #STALE_AFTER} (the database or the broker did not answer) reads as NaN, not as a figure that looks fine.
 * The order intake's admission limit samples its own figures, more often ({@link AdmissionSampling}).
 */
@ApplicationScoped
public class OperationsGauges extends StartupMeterBinder {
    public static final String OUTBOX_BACKLOG = "waybill.outbox.backlog";
    public static final String OUTBOX_LAG = "waybill.outbox.lag";
    public static final String OUTBOX_SET_ASIDE = "waybill.outbox.set.aside";
    public static final String QUEUE_MESSAGES = "waybill.queue.messages";
    public static final String DEAD_LETTERS = "waybill.dead.letters";
    public static final String ORDERS = "waybill.orders";
    static final Duration STALE_AFTER = Duration.ofSeconds(3L * OperationsMonitor.PERIOD_SECONDS);

    private volatile Sampled<OperationsReport.Outbox> outbox;
    private volatile Sampled<Map<String, QueueStats>> queues;
    private volatile Sampled<Map<OrderStatus, Long>> orders;

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(OUTBOX_BACKLOG, () -> outboxFigure(o -> o.backlog()))
                .description("Events in the outbox waiting for the relay (not counting those set aside)")
                .register(registry);
        Gauge.builder(OUTBOX_LAG, () -> outboxFigure(o -> o.oldestAgeMillis() == null ? 0 : o.oldestAgeMillis() / 1000.0))
                .description("Age of the oldest event the relay has not published yet; 0 when none waits")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(OUTBOX_SET_ASIDE, () -> outboxFigure(o -> o.setAside()))
                .description("Outbox events set aside after the broker kept refusing them, waiting for an operator")
                .register(registry);
        for (String queue : Destinations.CONSUMED_QUEUES.keySet()) {
            Gauge.builder(QUEUE_MESSAGES, () -> queueFigure(queue, QueueStats::depth))
                    .description("Messages in a queue Waybill consumes, as the broker counts them")
                    .tag("queue", queue)
                    .register(registry);
            Gauge.builder(DEAD_LETTERS, () -> queueFigure(queue, QueueStats::deadLetters))
                    .description("Messages in the dead-letter queue of a queue Waybill consumes")
                    .tag("queue", queue)
                    .register(registry);
        }
        for (OrderStatus status : OrderStatus.values()) {
            if (!status.isFinal()) {
                Gauge.builder(ORDERS, () -> orderFigure(status))
                        .description("Orders under way, by status (final ones: waybill_order_completion_seconds_count)")
                        .tag("status", status.name())
                        .register(registry);
            }
        }
    }

    void outbox(OperationsReport.Outbox figures) {
        outbox = Sampled.now(figures);
    }

    void queues(List<QueueStats> figures) {
        brokerUnanswered = null;
        queues = Sampled.now(figures.stream().collect(Collectors.toMap(QueueStats::name, q -> q)));
    }

    void orders(Map<OrderStatus, Long> figures) {
        orders = Sampled.now(Map.copyOf(figures));
    }

    /** The last sample of the outbox, unless it is stale. */
    Optional<OperationsReport.Outbox> outbox() {
        Sampled<OperationsReport.Outbox> sampled = outbox;
        return fresh(sampled) ? Optional.of(sampled.figures()) : Optional.empty();
    }

    /** Why the monitor's last question to the broker got no answer; empty once one was answered after it. */
    private volatile String brokerUnanswered;

    void brokerUnanswered(String why) {
        brokerUnanswered = why;
    }

    /** Why the broker did not answer the monitor's last question, or how long it has not answered one; else empty. */
    Optional<String> brokerSilence() {
        String why = brokerUnanswered;
        if (why != null) {
            return Optional.of("the broker did not answer the operations monitor's last question: " + why);
        }
        Sampled<Map<String, QueueStats>> sampled = queues;
        return sampled == null || fresh(sampled) ? Optional.empty() : Optional.of("the broker has not answered the "
                + "operations monitor for " + sampled.age().toSeconds() + " s");
    }

    private double outboxFigure(ToDoubleFunction<OperationsReport.Outbox> figure) {
        return outbox().map(figure::applyAsDouble).orElse(Double.NaN);
    }

    private double queueFigure(String queue, ToDoubleFunction<QueueStats> figure) {
        Sampled<Map<String, QueueStats>> sampled = queues;
        QueueStats stats = fresh(sampled) ? sampled.figures().get(queue) : null;
        return stats == null ? Double.NaN : figure.applyAsDouble(stats);
    }

    private double orderFigure(OrderStatus status) {
        Sampled<Map<OrderStatus, Long>> sampled = orders;
        return fresh(sampled) ? sampled.figures().getOrDefault(status, 0L) : Double.NaN;
    }

    private static boolean fresh(Sampled<?> sampled) {
        return Sampled.fresh(sampled, STALE_AFTER);
    }
}

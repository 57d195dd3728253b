package org.waybill.ordering;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.waybill.contracts.OrderCreated;
import org.waybill.contracts.PaymentCredentials;
import org.waybill.contracts.ProductPrices;
import org.waybill.outbox.Outbox;
import org.waybill.platform.ApplicationProblem;
import org.waybill.platform.IdempotencyKeys;
import org.waybill.platform.LogContext;
import org.waybill.platform.TraceContext;
import org.waybill.platform.Tracing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Places orders: checks every rule, then stores the order and its {@code order.created} event in one transaction.
 * With an idempotency key, a request that repeats an earlier one of the same customer (its answer was lost) returns
 * that order instead of placing a second one, even while the admission limit refuses new orders.
 */
@Stateless
public class OrderPlacement {
    private static final Logger LOG = Logger.getLogger(OrderPlacement.class.getName());
    private static final String IDEMPOTENCY_INDEX = "orders_idempotency_idx";

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    ProductPrices prices;

    @Inject
    PaymentCredentials credentials;

    @Inject
    Outbox outbox;

    @Inject
    Tracing tracing;

    @Inject
    OrderAdmission admission;

    /** The outcome of a request to place an order; {@code repeated} when it was a retry of an earlier request. */
    public record Placement(OrderDetails order, boolean repeated) {
    }

    /**
     * In a span of its own, child of the request's (the REST call's server span) or the root of a new trace (the
     * screen): the order's trace, which its {@code order.created} and every step after it continue.
     */
    public Placement place(PlaceOrder command, String idempotencyKey) {
        Span span = tracing.tracer().spanBuilder("ordering place order").startSpan();
        try (Scope current = span.makeCurrent()) {
            Placement placement = placeInSpan(command, idempotencyKey);
            span.setAttribute(Tracing.ORDER_ID, placement.order().id().toString());
            return placement;
        } catch (RuntimeException e) {
            Tracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private Placement placeInSpan(PlaceOrder command, String idempotencyKey) {
        Map<String, BigDecimal> unitPrices = validate(command, idempotencyKey);
        if (idempotencyKey != null) {
            Order earlier = placedWith(command.customerId(), idempotencyKey);
            if (earlier != null) {
                if (!earlier.wasPlacedBy(command)) {
                    throw new IdempotencyKeyConflictException("Idempotency-Key " + idempotencyKey
                            + " was used for a different order (" + earlier.id() + ")");
                }
                LOG.info(() -> "Order " + earlier.id() + " requested again with its Idempotency-Key; not placed twice");
                return new Placement(OrderDetails.of(earlier, outbox.history(earlier.id().toString())), true);
            }
        }
        admission.admit();
        List<OrderLine> lines = command.lines().stream()
                .map(l -> new OrderLine(l.sku(), l.quantity(), unitPrices.get(l.sku())))
                .toList();
        Order order = Order.place(command, lines, idempotencyKey, TraceContext.currentTraceparent(), Instant.now());
        try (LogContext log = LogContext.ofOrder(order.id())) {
            return store(order, lines, idempotencyKey);
        }
    }

    private Placement store(Order order, List<OrderLine> lines, String idempotencyKey) {
        em.persist(order);
        IdempotencyKeys.flushUnlessTaken(em, IDEMPOTENCY_INDEX, () -> new IdempotencyKeyConflictException(
                "a request with " + IdempotencyKeys.HEADER + " " + idempotencyKey
                        + " is being processed; retry it to get its order"));
        credentials.hold(order.id(), order.paymentToken());
        String id = order.id().toString();
        outbox.append(OrderCreated.TYPE, Order.AGGREGATE_TYPE, id, id, null, new OrderCreated(order.id(),
                order.customerId(), order.currency(), order.shippingAddress(),
                lines.stream().map(l -> new OrderCreated.Line(l.sku(), l.quantity(), l.unitPrice())).toList()));
        LOG.info(() -> "Order " + order.id() + " placed by " + order.customerId() + " with " + lines.size() + " line(s)");
        return new Placement(OrderDetails.of(order, List.of()), false);
    }

    private Order placedWith(String customerId, String idempotencyKey) {
        return em.createQuery("select o from Order o where o.customerId = :customer and o.idempotencyKey = :key",
                        Order.class)
                .setParameter("customer", customerId)
                .setParameter("key", idempotencyKey)
                .getResultStream().findFirst().orElse(null);
    }


    /** @return the unit price of each ordered SKU, once every rule holds */
    private Map<String, BigDecimal> validate(PlaceOrder command, String idempotencyKey) {
        if (command == null) {
            throw new InvalidOrderException(List.of(new ApplicationProblem.Violation("", "an order is required")));
        }
        Map<String, BigDecimal> known = Map.of();
        List<ApplicationProblem.Violation> violations = new ArrayList<>(validator.validate(command).stream()
                .sorted(Comparator.comparing((ConstraintViolation<PlaceOrder> v) -> v.getPropertyPath().toString()))
                .map(v -> new ApplicationProblem.Violation(v.getPropertyPath().toString(), v.getMessage()))
                .toList());
        if (!IdempotencyKeys.isValid(idempotencyKey)) {
            violations.add(new ApplicationProblem.Violation(IdempotencyKeys.HEADER, IdempotencyKeys.RULE));
        }
        // The catalogue is asked only within the line limit (an order of 90,000 lines would look up 90,000 SKUs),
        // and only for SKUs that passed their own rules, so every field's problem is named in one answer.
        if (command.lines() != null && command.lines().size() <= PlaceOrder.MAX_LINES) {
            Set<String> refused = violations.stream().map(ApplicationProblem.Violation::field).collect(Collectors.toSet());
            List<String> skus = new ArrayList<>();
            for (int i = 0; i < command.lines().size(); i++) {
                PlaceOrder.Line line = command.lines().get(i);
                if (line != null && line.sku() != null && !refused.contains("lines[" + i + "].sku")) {
                    skus.add(line.sku());
                }
            }
            known = prices.pricesOf(skus);
            for (int i = 0; i < command.lines().size(); i++) {
                PlaceOrder.Line line = command.lines().get(i);
                if (line != null && skus.contains(line.sku()) && !known.containsKey(line.sku())) {
                    violations.add(new ApplicationProblem.Violation("lines[" + i + "].sku", "unknown product " + line.sku()));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidOrderException(violations);
        }
        return known;
    }
}

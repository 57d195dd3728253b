package org.waybill.web.orders;

import org.waybill.ordering.InvalidOrderQueryException;
import org.waybill.ordering.OrderQuery;
import org.waybill.ordering.OrderStatus;
import org.waybill.platform.ApplicationProblem;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code GET /api/orders}, turned into an {@link OrderQuery}; every parameter that does not
 * parse is named in one 400 answer (JAX-RS alone would answer 404 for an unconvertible query parameter).
 */
final class OrderListParameters {
    static final Map<String, OrderQuery.Sort> SORTS = Map.of("placedAt", OrderQuery.Sort.PLACED_AT,
            "updatedAt", OrderQuery.Sort.UPDATED_AT, "status", OrderQuery.Sort.STATUS,
            "customerId", OrderQuery.Sort.CUSTOMER, "total", OrderQuery.Sort.TOTAL);

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");

    private final List<ApplicationProblem.Violation> violations = new ArrayList<>();

    static OrderQuery parse(String status, String customerId, String placedFrom, String placedTo, String sort,
                            String order, String offset, String limit) {
        OrderListParameters p = new OrderListParameters();
        OrderStatus parsedStatus = p.status(status);
        Instant from = p.instant("placedFrom", placedFrom);
        Instant to = p.instant("placedTo", placedTo);
        int parsedOffset = p.integer("offset", offset);
        int parsedLimit = p.integer("limit", limit);
        OrderQuery.Sort parsedSort = sort == null ? OrderQuery.Sort.PLACED_AT : SORTS.get(sort);
        if (parsedSort == null) {
            p.violations.add(new ApplicationProblem.Violation("sort", "must be one of " + SORTS.keySet()));
        }
        if (!"asc".equals(order) && !"desc".equals(order)) {
            p.violations.add(new ApplicationProblem.Violation("order", "must be asc or desc"));
        }
        if (!p.violations.isEmpty()) {
            throw new InvalidOrderQueryException(p.violations);
        }
        return new OrderQuery(parsedStatus, customerId, from, to, parsedSort, "desc".equals(order), parsedOffset,
                parsedLimit);
    }

    private OrderStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OrderStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new ApplicationProblem.Violation("status", "must be one of " + List.of(OrderStatus.values())));
            return null;
        }
    }

    /** Digits only: Java would also take "+5" and other scripts' digits ("٣"). */
    private int integer(String name, String value) {
        if (value != null && INTEGER.matcher(value).matches()) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                // too large: reported below
            }
        }
        violations.add(new ApplicationProblem.Violation(name, "must be a whole number written with the digits 0-9"));
        return 0;
    }

    private Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            violations.add(new ApplicationProblem.Violation(name, "must be an ISO-8601 instant, e.g. 2026-11-27T10:00:00Z"));
            return null;
        }
    }
}

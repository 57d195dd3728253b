package org.waybill.ordering;

import org.waybill.platform.ApplicationProblem;
import org.waybill.platform.PlainText;
import org.waybill.platform.SupportedInstants;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which orders to list, in which order, which page. Every filter is optional.
 *
 * @param placedFrom inclusive
 * @param placedTo   exclusive
 * @param offset     rows to skip (0 for the first page)
 * @param limit      rows per page, 1 to {@value #MAX_LIMIT}
 */
public record OrderQuery(OrderStatus status, String customerId, Instant placedFrom, Instant placedTo,
                         Sort sort, boolean descending, int offset, int limit) {
    public static final int MAX_LIMIT = 100;

    /** The columns a list can be sorted by. */
    public enum Sort {
        PLACED_AT("o.placedAt"), UPDATED_AT("o.updatedAt"), STATUS("o.status"), CUSTOMER("o.customerId"),
        TOTAL("sum(l.unitPrice * l.quantity)");

        final String expression;

        Sort(String expression) {
            this.expression = expression;
        }
    }

    public OrderQuery {
        List<ApplicationProblem.Violation> violations = new ArrayList<>();
        if (offset < 0) {
            violations.add(new ApplicationProblem.Violation("offset", "must be 0 or more"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            violations.add(new ApplicationProblem.Violation("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!SupportedInstants.isSupported(placedFrom)) {
            violations.add(new ApplicationProblem.Violation("placedFrom", SupportedInstants.MESSAGE));
        }
        if (!SupportedInstants.isSupported(placedTo)) {
            violations.add(new ApplicationProblem.Violation("placedTo", SupportedInstants.MESSAGE));
        }
        if (!PlainText.isPlain(customerId)) {
            violations.add(new ApplicationProblem.Violation("customerId", PlainText.MESSAGE));
        }
        if (placedFrom != null && placedTo != null && !placedFrom.isBefore(placedTo)) {
            violations.add(new ApplicationProblem.Violation("placedFrom", "must be before placedTo"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidOrderQueryException(violations);
        }
        sort = sort == null ? Sort.PLACED_AT : sort;
        customerId = customerId == null || customerId.isBlank() ? null : customerId.trim();
    }

    /** The same query restricted to one customer's orders. */
    public OrderQuery ofCustomer(String customer) {
        return new OrderQuery(status, customer, placedFrom, placedTo, sort, descending, offset, limit);
    }
}

package org.waybill.web.orders;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.waybill.ordering.OrderQuery;
import org.waybill.ordering.OrderSearch;
import org.waybill.ordering.OrderStatus;
import org.waybill.ordering.OrderSummary;
import org.waybill.web.Caller;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The order list: a page at a time from the database, sortable, filtered by status, customer (operators) and the
 * day it was placed. A customer sees their own orders only.
 */
@Named
@ViewScoped
public class OrderListView implements Serializable {
    @Inject
    OrderSearch orders;

    @Inject
    Caller caller;

    private OrderStatus status;
    private String customerId;
    private List<LocalDate> placed;

    private final LazyDataModel<OrderSummary> model = new LazyDataModel<>() {
        @Override
        public int count(Map<String, FilterMeta> filters) {
            return (int) orders.search(query(OrderQuery.Sort.PLACED_AT, true, 0, 1)).total();
        }

        @Override
        public List<OrderSummary> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                       Map<String, FilterMeta> filters) {
            SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
            OrderQuery.Sort column = sort == null ? OrderQuery.Sort.PLACED_AT
                    : OrderListParameters.SORTS.getOrDefault(sort.getField(), OrderQuery.Sort.PLACED_AT);
            boolean descending = sort == null || sort.getOrder() != SortOrder.ASCENDING;
            return orders.search(query(column, descending, first, Math.min(pageSize, OrderQuery.MAX_LIMIT))).orders();
        }

        @Override
        public String getRowKey(OrderSummary order) {
            return order.id().toString();
        }
    };

    private OrderQuery query(OrderQuery.Sort sort, boolean descending, int offset, int limit) {
        Instant from = placed == null || placed.isEmpty() ? null : placed.get(0).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = placed == null || placed.isEmpty() ? null
                : placed.get(placed.size() - 1).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        OrderQuery query = new OrderQuery(status, customerId, from, to, sort, descending, offset, limit);
        return caller.actsForAnyone() ? query : query.ofCustomer(caller.name());
    }

    public void clear() {
        status = null;
        customerId = null;
        placed = null;
    }

    public LazyDataModel<OrderSummary> getModel() {
        return model;
    }

    public OrderStatus[] getStatuses() {
        return OrderStatus.values();
    }

    public OrderStatus getStatus() {
        return status;
    }

    public void setStatus(OrderStatus status) {
        this.status = status;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    public List<LocalDate> getPlaced() {
        return placed;
    }

    public void setPlaced(List<LocalDate> placed) {
        this.placed = placed;
    }
}

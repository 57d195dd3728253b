package org.waybill.ordering;

import java.util.List;

/** A page of an order list, and how many orders match the query in all. */
public record OrderPage(List<OrderSummary> orders, long total, int offset, int limit) {
}

package org.waybill.web.orders;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.waybill.ordering.OrderCancellation;
import org.waybill.ordering.OrderDetails;
import org.waybill.ordering.OrderSearch;
import org.waybill.ordering.OrderStatus;
import org.waybill.tracking.OrderTracking;
import org.waybill.tracking.TrackedOrder;
import org.waybill.web.Caller;
import org.waybill.web.Messages;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * One order on the screen: status, lines, payment, shipment and the timeline of its events, refreshed while it
 * moves (the page polls), with the retries and dead letters that concern it for operators; and cancelling it.
 */
@Named
@ViewScoped
public class OrderView implements Serializable {
    @Inject
    OrderTracking tracking;

    @Inject
    OrderSearch orders;

    @Inject
    OrderCancellation cancellations;

    @Inject
    Caller caller;

    private String id;
    private TrackedOrder order;
    private String cancelReason;

    /** Loads the order named by the id parameter; a missing or foreign one shows as not found. */
    public void load() {
        try {
            UUID orderId = UUID.fromString(id);
            caller.ensureMaySee(orderId, orders.customerOf(orderId));
            order = tracking.track(orderId, caller.actsForAnyone());
        } catch (IllegalArgumentException | NullPointerException e) {
            order = null;
        } catch (RuntimeException e) {
            order = null;
            Messages.failed(e);
        }
    }

    public void cancel() {
        try {
            cancellations.cancel(order.id(), cancelReason, order.version());
            Messages.info("Cancellation requested: every step undoes what it did.");
            cancelReason = null;
        } catch (RuntimeException e) {
            Messages.failed(e);
        }
        load();
    }

    /** Polling stops once the order ended. */
    public boolean isFinished() {
        return order == null || order.status().isFinal();
    }

    public boolean isCancellable() {
        return order != null && OrderStatus.CANCELLABLE.contains(order.status());
    }

    /** The timeline newest first. */
    public List<OrderDetails.TimelineEntry> getTimeline() {
        if (order == null) {
            return List.of();
        }
        List<OrderDetails.TimelineEntry> newestFirst = new ArrayList<>(order.timeline());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    public TrackedOrder getOrder() {
        return order;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getCancelReason() {
        return cancelReason;
    }

    public void setCancelReason(String cancelReason) {
        this.cancelReason = cancelReason;
    }
}

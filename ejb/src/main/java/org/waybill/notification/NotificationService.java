package org.waybill.notification;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.contracts.EmailRequested;
import org.waybill.contracts.NotificationFailed;
import org.waybill.contracts.NotificationSent;
import org.waybill.contracts.OrderContents;
import org.waybill.contracts.OrderContentsQuery;
import org.waybill.contracts.ShipmentScheduled;
import org.waybill.events.EventEnvelope;
import org.waybill.messaging.Destinations;
import org.waybill.outbox.Outbox;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Tells the customer: once the shipment is scheduled, a receipt is written and put on the e-mail work queue
 * (through the outbox); one worker sends it and confirms with {@code notification.sent}.
 * <p>
 * Sending is at least once: the SMTP hand-off cannot join the transaction, so a crash between it and the commit
 * sends the mail again, with the same Message-ID.
 */
@Stateless
public class NotificationService {
    private static final Logger LOG = Logger.getLogger(NotificationService.class.getName());
    private static final String RECEIPT = "receipt";

    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    OrderContentsQuery orders;

    @Inject
    CustomerDirectory customers;

    @Inject
    MailSender mail;

    /**
     * Why a receipt can never be written: an order's row exists before any event of it, so none means an order never
     * placed here, which no retry changes.
     */
    public Optional<String> unknownOrder(UUID orderId) {
        return orders.find(orderId).isPresent() ? Optional.empty()
                : Optional.of("notification finds no order " + orderId + ": no such order was ever placed");
    }

    /**
     * Why e-mail work can never be done: a notification is written with the e-mail work that names it, so none means
     * work from elsewhere, which no retry changes.
     */
    public Optional<String> unknownNotification(UUID notificationId) {
        return em.find(Notification.class, notificationId) != null ? Optional.empty()
                : Optional.of("no notification " + notificationId + ": e-mail work names a notification never written");
    }

    /** shipment.scheduled: the receipt is written and queued for sending. */
    public void writeReceipt(EventEnvelope cause, ShipmentScheduled shipment) {
        OrderContents order = orders.find(shipment.orderId()).orElseThrow(() -> new IllegalStateException(
                "no order " + shipment.orderId()));
        String lines = order.lines().stream()
                .map(l -> "  " + l.quantity() + " x " + l.sku() + " at " + l.unitPrice())
                .collect(Collectors.joining("\n"));
        Notification receipt = new Notification(order.orderId(), RECEIPT, customers.emailOf(order.customerId()),
                "Your Waybill order " + order.orderId(),
                "Thank you for your order " + order.orderId() + ".\n\n" + lines + "\nTotal: " + order.total() + "\n\n"
                        + "It ships on " + shipment.shipDate() + " with " + shipment.carrier()
                        + ", tracking number " + shipment.trackingNumber() + ".\n",
                Instant.now());
        em.persist(receipt);
        outbox.appendTo(Destinations.EMAIL, EmailRequested.TYPE, cause.aggregateType(), cause.aggregateId(),
                cause.correlationId(), cause.eventId(), new EmailRequested(receipt.id(), order.orderId()));
        LOG.info(() -> "Receipt of order " + order.orderId() + " written (notification " + receipt.id() + "), to be sent");
    }

    /**
     * An e-mail work item: sends it once, however often it is delivered. A mail that can never be delivered fails the
     * notification ({@code notification.failed}) instead of being retried; a mail server that is away is retried.
     */
    public void send(EventEnvelope work, EmailRequested request) {
        Notification notification = em.find(Notification.class, request.notificationId());
        if (notification.isDone()) {
            return;
        }
        try {
            mail.send(notification);
        } catch (UndeliverableMailException e) {
            notification.failed(e.getMessage());
            outbox.appendCausedBy(work, NotificationFailed.TYPE, new NotificationFailed(notification.orderId(),
                    notification.id(), notification.recipient(), NotificationFailed.reasonOf(e.getMessage())));
            LOG.warning(() -> "Receipt of order " + notification.orderId() + " cannot be sent: " + e.getMessage());
            return;
        }
        notification.sent(Instant.now());
        outbox.appendCausedBy(work, NotificationSent.TYPE,
                new NotificationSent(notification.orderId(), notification.id(), notification.recipient()));
        LOG.info(() -> "Receipt of order " + notification.orderId() + " sent (notification " + notification.id() + ")");
    }
}

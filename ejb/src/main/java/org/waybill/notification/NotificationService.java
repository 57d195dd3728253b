package org.waybill.notification;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.contracts.EmailRequested;
import org.waybill.contracts.NotificationSent;
import org.waybill.contracts.ShipmentScheduled;
import org.waybill.events.EventEnvelope;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventHandlers;
import org.waybill.messaging.Inbox;
import org.waybill.ordering.Order;
import org.waybill.ordering.OrderDetails;
import org.waybill.ordering.OrderService;
import org.waybill.outbox.Outbox;

import java.time.Instant;
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
    static final String EMAIL_WORKER = "email";
    private static final String RECEIPT = "receipt";

    @PersistenceContext
    EntityManager em;

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    OrderService orders;

    @Inject
    CustomerDirectory customers;

    @Inject
    MailSender mail;

    static final EventHandlers<NotificationService> HANDLERS =
            new EventHandlers<NotificationService>(Destinations.NOTIFICATION)
                    .on(ShipmentScheduled.TYPE, ShipmentScheduled.class, (s, e, p) -> s.writeReceipt(e, p));

    static final EventHandlers<NotificationService> EMAIL_WORK = new EventHandlers<NotificationService>(EMAIL_WORKER)
            .on(EmailRequested.TYPE, EmailRequested.class, (s, e, p) -> s.send(e, p));

    /** An event of notification's subscription. */
    public void apply(EventHandlers.Prepared<NotificationService> event) {
        inbox.process(event, this);
    }

    /** A work item of the e-mail queue. */
    public void sendEmail(EventHandlers.Prepared<NotificationService> work) {
        inbox.process(work, this);
    }

    private void writeReceipt(EventEnvelope cause, ShipmentScheduled shipment) {
        OrderDetails order = orders.details(shipment.orderId());
        String lines = order.lines().stream()
                .map(l -> "  " + l.quantity() + " x " + l.sku() + " at " + l.unitPrice())
                .collect(Collectors.joining("\n"));
        Notification receipt = new Notification(order.id(), RECEIPT, customers.emailOf(order.customerId()),
                "Your Waybill order " + order.id(),
                "Thank you for your order " + order.id() + ".\n\n" + lines + "\nTotal: " + order.total() + "\n\n"
                        + "It ships on " + shipment.shipDate() + " with " + shipment.carrier()
                        + ", tracking number " + shipment.trackingNumber() + ".\n",
                Instant.now());
        em.persist(receipt);
        outbox.appendTo(Destinations.EMAIL, EmailRequested.TYPE, Order.AGGREGATE_TYPE, cause.aggregateId(),
                cause.correlationId(), cause.eventId(), new EmailRequested(receipt.id(), order.id()));
    }

    private void send(EventEnvelope work, EmailRequested request) {
        Notification notification = em.find(Notification.class, request.notificationId());
        if (notification == null) {
            throw new IllegalStateException("no notification " + request.notificationId());
        }
        if (notification.isSent()) {
            return;
        }
        mail.send(notification);
        notification.sent(Instant.now());
        outbox.appendCausedBy(work, NotificationSent.TYPE,
                new NotificationSent(notification.orderId(), notification.id(), notification.recipient()));
    }
}

package org.waybill.shipping;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.contracts.OrderCreated;
import org.waybill.contracts.ShipmentCancelled;
import org.waybill.contracts.ShipmentFailed;
import org.waybill.contracts.ShipmentScheduled;
import org.waybill.events.EventEnvelope;
import org.waybill.outbox.Outbox;

import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Schedules a shipment once the order is paid: a parcel carrier for small orders, freight for larger ones, none
 * above {@code waybill.shipping.max-units} (default 100 units), which fails the shipment and undoes the order.
 */
@Stateless
public class ShippingService {
    private static final Logger LOG = Logger.getLogger(ShippingService.class.getName());
    private static final int PARCEL_UNITS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    @ConfigProperty(name = "waybill.shipping.max-units", defaultValue = "100")
    int maxUnits;

    /** order.created: the shipment the order will need, pending until it is paid. */
    public void open(EventEnvelope cause, OrderCreated order) {
        em.persist(new Shipment(order.orderId(), order.units(), Instant.now()));
    }

    /**
     * Why an event of the order can never be processed here: shipping never learnt of the order. Its record is written
     * by the order's order.created, which every later event of the order waits for at this consumer, so none means an
     * order never placed, or one whose order.created was discarded here.
     */
    public Optional<String> unknownOrder(UUID orderId) {
        // Locked as the handler locks it, which then finds the row locked in the persistence context: one statement
        // for both (a count first cost a round trip per delivery).
        return locked(orderId).isPresent() ? Optional.empty()
                : Optional.of("shipping knows no order " + orderId + ": its order.created never reached shipping");
    }

    /** The order's shipment, once shipping has heard of the order. */
    public Optional<ShipmentView> view(UUID orderId) {
        return Optional.ofNullable(em.find(Shipment.class, orderId)).map(Shipment::view);
    }

    /** payment.charged: the order can ship. */
    public void schedule(EventEnvelope cause, UUID orderId) {
        Shipment shipment = lock(orderId);
        if (shipment.status() != ShipmentStatus.PENDING) {
            LOG.info(() -> "Shipment of order " + orderId + " is " + shipment.status() + ", not scheduling");
            return;
        }
        Instant now = Instant.now();
        if (shipment.units() > maxUnits) {
            String reason = shipment.units() + " units exceed the carrier limit of " + maxUnits;
            shipment.fail(reason, now);
            outbox.appendCausedBy(cause, ShipmentFailed.TYPE, new ShipmentFailed(orderId, reason));
            LOG.info(() -> "Shipment of order " + orderId + " failed: " + reason);
            return;
        }
        String carrier = shipment.units() <= PARCEL_UNITS ? "Waybill Parcel" : "Waybill Freight";
        LocalDate shipDate = nextWorkingDay(LocalDate.now(ZoneOffset.UTC));
        String tracking = trackingNumber();
        shipment.schedule(carrier, shipDate, tracking, now);
        outbox.appendCausedBy(cause, ShipmentScheduled.TYPE, new ShipmentScheduled(orderId, carrier, shipDate, tracking));
        LOG.info(() -> "Shipment of order " + orderId + " scheduled with " + carrier + " on " + shipDate);
    }

    /** Cancels whatever is scheduled or pending, and confirms the undo either way. */
    public void cancel(EventEnvelope cause, UUID orderId) {
        Shipment shipment = lock(orderId);
        if (shipment.status() == ShipmentStatus.PENDING || shipment.status() == ShipmentStatus.SCHEDULED) {
            shipment.cancel(Instant.now());
        }
        outbox.appendCausedBy(cause, ShipmentCancelled.TYPE, new ShipmentCancelled(orderId));
    }

    static LocalDate nextWorkingDay(LocalDate today) {
        LocalDate day = today.plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day;
    }

    private static String trackingNumber() {
        StringBuilder tracking = new StringBuilder("WB");
        for (int i = 0; i < 10; i++) {
            tracking.append("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".charAt(RANDOM.nextInt(34)));
        }
        return tracking.toString();
    }

    private Optional<Shipment> locked(UUID orderId) {
        return Optional.ofNullable(em.find(Shipment.class, orderId, LockModeType.PESSIMISTIC_WRITE));
    }

    private Shipment lock(UUID orderId) {
        return locked(orderId).orElseThrow(() -> new IllegalStateException("shipping knows no order " + orderId));
    }
}

package org.waybill.deadletters;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.waybill.messaging.DeliveryHolds;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.Inbox;
import org.waybill.platform.LogContext;

import java.util.logging.Logger;

/** Releases one hold as lost ({@link LostMessages}), in one transaction: hold, inbox, audit. */
@Stateless
public class LostMessageRelease {
    private static final Logger LOG = Logger.getLogger(LostMessageRelease.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    DeliveryHolds holds;

    @Inject
    Inbox inbox;

    /** Nothing happens if the hold changed since the checks saw it (its event was delivered, or another node released it). */
    public void release(DeliveryHolds.QuietHold hold, long quietSeconds, long confirmSeconds) {
        if (!holds.releaseLost(hold, quietSeconds, confirmSeconds)) {
            return;
        }
        inbox.skip(hold.consumer(), hold.eventId());
        String queue = Destinations.queueOf(hold.consumer());
        String reason = "no message for it in " + queue + " or DLQ." + queue + " and not delivered for "
                + quietSeconds + " s: released as lost, the order's later events go on";
        em.persist(OperatorAction.lostMessage(queue, hold.eventId().toString(), hold.eventType(), reason));
        try (LogContext log = LogContext.ofOrder(hold.aggregateId())) {
            LOG.warning(() -> hold.consumer() + " released the hold of order " + hold.aggregateId() + " by "
                    + hold.eventType() + " " + hold.eventId() + ": " + reason);
        }
    }
}

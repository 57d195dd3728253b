package org.waybill.deadletters;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.messaging.DeliveryHolds;
import org.waybill.messaging.Destinations;
import org.waybill.messaging.EventMessages;
import org.waybill.messaging.PoisonMessages;
import org.waybill.platform.PeriodicTask;

import java.time.Duration;

/**
 * Releases delivery holds whose event's message was deleted outside Waybill (e.g. in the Artemis console): without
 * it the order's later events at that consumer would wait for good. Every
 * {@code waybill.deadletters.lost-check-interval-seconds} (default 300) it looks at the holds whose event the consumer
 * has not had in hand for {@code waybill.deadletters.lost-after-seconds} (default 900), though it was published longer
 * ago than that. A message that exists is in its queue or its dead-letter queue, or is being retried, and a retry puts
 * it in the consumer's hands at least every 72 s (the longest redelivery delay with its jitter); so a quiet hold whose
 * message two checks in a row find in neither queue is released: the event counts as done at that consumer (as for a
 * discard), the release is audited as {@value #ACTOR} and logged. (A browser does not see a message waiting out its
 * redelivery delay, hence the quiet time and the second check.) Every node runs it: the second check counts by time
 * ({@code suspected_lost_at}), not by runs, and a release deletes the hold only if it is still as seen, so of two
 * nodes releasing one hold, only one writes the skip and the audit ({@link LostMessageRelease}).
 */
@Singleton
@Startup
@DependsOn({"DeliveryHolds", "LostMessageRelease"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LostMessages extends PeriodicTask {
    public static final String ACTOR = "lost-message-check";

    @Inject
    DeliveryHolds holds;

    @Inject
    LostMessageRelease release;

    /** For browsing only: fails at once while the broker is away. */
    @Resource(lookup = "java:/jms/waybill/RelayConnectionFactory")
    ConnectionFactory browsingFactory;

    @Inject
    @ConfigProperty(name = "waybill.deadletters.lost-check-interval-seconds", defaultValue = "300")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "waybill.deadletters.lost-after-seconds", defaultValue = "900")
    long lostAfterSeconds;

    @Override
    protected Duration period() {
        return Duration.ofSeconds(intervalSeconds);
    }

    @Override
    protected void runOnce() {
        for (DeliveryHolds.QuietHold hold : holds.quiet(lostAfterSeconds, 100)) {
            boolean missing = !inQueueOrDeadLetterQueue(hold);
            if (missing && hold.suspectedLostAt() != null) {
                release.release(hold, lostAfterSeconds, intervalSeconds);
            } else {
                holds.suspectLost(hold, missing);
            }
        }
    }

    private boolean inQueueOrDeadLetterQueue(DeliveryHolds.QuietHold hold) {
        String queue = Destinations.queueOf(hold.consumer());
        String selector = EventMessages.EVENT_ID + " = '" + hold.eventId() + "'";
        try (JMSContext context = browsingFactory.createContext()) {
            return has(context, Destinations.CONSUMED_QUEUES.get(queue), selector)
                    || has(context, PoisonMessages.DLQ_ADDRESS + "::DLQ." + queue, selector);
        }
    }

    private static boolean has(JMSContext context, String queue, String selector) {
        try (QueueBrowser browser = context.createBrowser(context.createQueue(queue), selector)) {
            return browser.getEnumeration().hasMoreElements();
        } catch (JMSException e) {
            throw new IllegalStateException("could not browse " + queue, e);
        }
    }
}

package org.waybill.history;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.waybill.messaging.Destinations;
import org.waybill.platform.Failures;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a replay page after page, in the background, each page in its own transaction. A failure marks the replay
 * FAILED with its reason; a retry of its request resumes it, and so does the next start of WildFly
 * ({@link ReplayResumption}). If even that cannot be recorded (the database away), it stays RUNNING until it counts as
 * stalled, and then ReplayResumption or a retry resumes it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplaySender {
    private static final Logger LOG = Logger.getLogger(ReplaySender.class.getName());

    @Inject
    ReplayPages pages;

    @Inject
    Replays replays;

    @Asynchronous
    public void send(UUID replayId, UUID sender, boolean resumed) {
        try {
            boolean resent = resumed;
            while (pages.sendNext(replayId, sender, resent)) {
                resent = false;
            }
            LOG.info(() -> "Replay " + replayId + " sender " + sender + " finished sending to " + Destinations.REPLAY);
        } catch (RuntimeException e) {
            String reason = Failures.rootMessage(e);
            LOG.log(Level.WARNING, "Replay " + replayId + " stopped: " + reason + "; a retry of its request or the next start of WildFly resumes it", e);
            try {
                replays.fail(replayId, sender, reason);
            } catch (RuntimeException f) {
                LOG.warning(() -> "Replay " + replayId + " could not be marked FAILED: " + Failures.rootMessage(f));
            }
        }
    }
}

package org.waybill.history;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.DependsOn;
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
 * <p>
 * When the application stops, a replay being sent ends at its next page and stays RUNNING: WildFly would otherwise
 * wait for its last page before it finishes the undeployment. It is resumed as if its node had died, by a retry, or by
 * ReplayResumption once it counts as stalled. What the pages call stops after the sender ({@code @DependsOn}), so the
 * page under way ends as usual.
 */
@Stateless
@DependsOn({"ReplayPages", "Replays", "EventPublisher"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplaySender {
    private static final Logger LOG = Logger.getLogger(ReplaySender.class.getName());

    @Inject
    ReplayPages pages;

    @Inject
    Replays replays;

    @Inject
    ReplaysStopping stopping;

    @Asynchronous
    public void send(UUID replayId, UUID sender, boolean resumed) {
        try {
            boolean resent = resumed;
            boolean more = true;
            while (more && !stopping.now()) {
                more = pages.sendNext(replayId, sender, resent);
                resent = false;
            }
            if (more) {
                LOG.info(() -> "Replay " + replayId + " sender " + sender + " ends as the application stops; the replay "
                        + "stays RUNNING and is resumed once it counts as stalled (by a retry of its request, or by "
                        + "ReplayResumption on a running node)");
                return;
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

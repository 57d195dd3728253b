package org.waybill.history;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.platform.PeriodicTask;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Resumes the replays whose sender is gone, without anyone retrying their request (a replay requested without an
 * Idempotency-Key can be resumed no other way). Soon after WildFly starts, it resumes the FAILED ones; then every
 * {@code waybill.history.replay-stalled-after-seconds} (default 60) those RUNNING without a page for that long: their
 * sender died with a WildFly that stopped or crashed, this node or another. Each is taken over by a conditional update
 * of its row ({@link Replays#resumeStopped}), so of two nodes starting at once only one sends it. FAILED ones are not
 * retried again until the next start or a retry of the request: what failed them may last (the broker refusing).
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "Replays", "ReplaySender", "ReplayPages", "EventPublisher"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ReplayResumption extends PeriodicTask {
    private static final Logger LOG = Logger.getLogger(ReplayResumption.class.getName());

    @Inject
    Replays replays;

    @Inject
    ReplaySender senders;

    @Inject
    ReplaysStopping stopping;

    @Inject
    @ConfigProperty(name = "waybill.history.replay-stalled-after-seconds", defaultValue = "60")
    long stalledAfterSeconds;

    /** Until a run succeeds, the FAILED replays are still to be resumed for this start. */
    private volatile boolean failedResumed;

    @Override
    protected Duration period() {
        return Duration.ofSeconds(stalledAfterSeconds);
    }

    @Override
    protected Duration firstRunAfter() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected void runOnce() {
        for (Replays.Opened resumed : replays.resumeStopped(!failedResumed)) {
            LOG.info(() -> "Resuming replay " + resumed.replay().replayId() + ", whose sender is gone, after "
                    + resumed.replay().sent() + " of " + resumed.replay().events() + " events");
            senders.send(resumed.replay().replayId(), resumed.sender(), true);
        }
        failedResumed = true;
    }

    /**
     * The replays being sent on this node end at their next page: WildFly stops this singleton before the senders it
     * depends on, and would wait for a sender's last page.
     */
    @PreDestroy
    void stopSenders() {
        stopping.begin();
    }
}

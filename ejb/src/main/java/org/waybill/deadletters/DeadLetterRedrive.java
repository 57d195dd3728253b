package org.waybill.deadletters;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.messaging.Destinations;
import org.waybill.platform.PeriodicTask;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Sends messages that a transient cause dead-lettered back to their queues, every
 * {@code waybill.deadletters.redrive-interval-seconds} (default 300), at most {@code waybill.deadletters.redrive-max}
 * times each (default 3); each re-drive is audited like an operator's retry. Each message goes back in its own
 * transactions: one that fails is logged and does not hold back the others of the round. The scheduled re-drive runs
 * on one node at a time ({@link #onOneNode()}); an operator's re-drive ({@link #redrive}) runs where it is asked.
 */
@Singleton
@Startup
@DependsOn({"Election", "DeadLetterOperations", "DeadLetterTransaction", "DeadLetterRecords", "DeliveryHolds"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterRedrive extends PeriodicTask {
    public static final String ACTOR = "auto-redrive";
    private static final Logger LOG = Logger.getLogger(DeadLetterRedrive.class.getName());

    @Inject
    DeadLetterOperations deadLetters;

    @Inject
    @ConfigProperty(name = "waybill.deadletters.redrive-interval-seconds", defaultValue = "300")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "waybill.deadletters.redrive-max", defaultValue = "3")
    int maxRetries;

    @Override
    protected Duration period() {
        return Duration.ofSeconds(intervalSeconds);
    }

    /**
     * The interval and the maximum are for the whole system: on every node at once, each node would send a message
     * back every interval (N re-drives per interval, its retries used up N times faster), and two nodes would reach
     * for the same message, the second failing with a warning.
     */
    @Override
    protected boolean onOneNode() {
        return true;
    }

    @Override
    protected void runOnce() {
        redrive(ACTOR);
    }

    /** Re-drives what may be re-driven now, on behalf of actor; returns how many messages went back. */
    public int redrive(String actor) {
        int sent = 0;
        for (String queue : Destinations.CONSUMED_QUEUES.keySet()) {
            sent += deadLetters.retryEach(queue, letter -> letter.redrivable(maxRetries), actor);
        }
        int total = sent;
        if (total > 0) {
            LOG.info(() -> actor + " sent " + total + " dead letter(s) back to their queues");
        }
        return total;
    }
}

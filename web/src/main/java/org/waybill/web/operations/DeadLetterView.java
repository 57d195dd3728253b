package org.waybill.web.operations;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.waybill.deadletters.DeadLetter;
import org.waybill.deadletters.DeadLetterOperations;
import org.waybill.messaging.Destinations;
import org.waybill.operations.BrokerQueues;
import org.waybill.web.Caller;
import org.waybill.web.Messages;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** The dead-letter screen: per queue, the parked messages with reason and payload; retry one or all, or discard. */
@Named
@ViewScoped
public class DeadLetterView implements Serializable {
    @Inject
    DeadLetterOperations deadLetters;

    @Inject
    BrokerQueues brokerQueues;

    @Inject
    Caller caller;

    private String queue = Destinations.CONSUMED_QUEUES.keySet().stream().sorted().findFirst().orElseThrow();
    private Map<String, Long> counts;
    private List<DeadLetter> letters;
    private DeadLetter discarding;
    private String discardReason;

    /** Reads the counts and the selected queue's letters again. */
    public void refresh() {
        try {
            counts = brokerQueues.deadLetterCounts();
            letters = deadLetters.list(queue);
        } catch (RuntimeException e) {
            counts = Map.of();
            letters = List.of();
            Messages.failed(e);
        }
    }

    public void retry(DeadLetter letter) {
        try {
            deadLetters.retry(queue, letter.messageId(), caller.name());
            Messages.info("Sent " + letter.eventType() + " back to " + queue + ".");
        } catch (RuntimeException e) {
            Messages.failed(e);
        }
        refresh();
    }

    public void retryAll() {
        try {
            Messages.info("Sent " + deadLetters.retryAll(queue, caller.name()) + " message(s) back to " + queue + ".");
        } catch (RuntimeException e) {
            Messages.failed(e);
        }
        refresh();
    }

    public void startDiscard(DeadLetter letter) {
        discarding = letter;
        discardReason = null;
    }

    public void discard() {
        try {
            deadLetters.discard(queue, discarding.messageId(), discardReason, caller.name());
            Messages.info("Discarded " + discarding.eventType() + " from " + queue + ".");
        } catch (RuntimeException e) {
            Messages.failed(e);
        }
        discarding = null;
        refresh();
    }

    public Map<String, Long> getCounts() {
        if (counts == null) {
            refresh();
        }
        return counts;
    }

    public List<String> getQueues() {
        return Destinations.CONSUMED_QUEUES.keySet().stream().sorted().toList();
    }

    public List<DeadLetter> getLetters() {
        if (letters == null) {
            refresh();
        }
        return letters;
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        if (Destinations.CONSUMED_QUEUES.containsKey(queue)) {
            this.queue = queue;
        }
    }

    public DeadLetter getDiscarding() {
        return discarding;
    }

    public String getDiscardReason() {
        return discardReason;
    }

    public void setDiscardReason(String discardReason) {
        this.discardReason = discardReason;
    }
}

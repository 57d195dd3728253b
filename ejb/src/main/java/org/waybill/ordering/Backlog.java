package org.waybill.ordering;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The work waiting behind the order intake, as last sampled: the outbox's events not yet published and each consumed
 * queue's messages. They are sampled every second while an admission limit is set, so reading them costs no query.
 */
public interface Backlog {
    /**
     * @param outbox events waiting for the relay; empty when not sampled recently
     * @param queues messages in each consumed queue, by queue name; empty when not sampled recently
     */
    record Sample(OptionalLong outbox, Map<String, Long> queues) {
        public Sample {
            queues = Map.copyOf(queues);
        }

        /** Whether a figure is missing: not sampled yet, or the database or the broker did not answer lately. */
        boolean incomplete() {
            return outbox.isEmpty() || queues.isEmpty();
        }
    }

    /** The figures sampled recently; none older than the gauges show. */
    Sample latest();
}

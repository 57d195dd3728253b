package org.waybill.history;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.waybill.messaging.Destinations;
import org.waybill.outbox.EventPublisher;
import org.waybill.outbox.OutboxEvent;
import org.waybill.platform.SupportedInstants;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Re-publishes past events, of one order or of a time range, to the replay topic {@value Destinations#REPLAY}, where
 * analytics subscribers read them. The workflow does not listen there, so a replay changes nothing in Waybill.
 */
@Stateless
public class ReplayService {
    /** A larger replay is refused: ask for a shorter range. */
    public static final long MAX_EVENTS = 100_000;
    private static final Logger LOG = Logger.getLogger(ReplayService.class.getName());
    private static final int PAGE = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    EventPublisher publisher;

    public Replay replayOrder(UUID orderId) {
        return replay("aggregate_id = :order", Map.of("order", orderId.toString()));
    }

    public Replay replayRange(Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidReplayException("a time range needs from before to");
        }
        if (!SupportedInstants.isSupported(from) || !SupportedInstants.isSupported(to)) {
            throw new InvalidReplayException("from and to " + SupportedInstants.MESSAGE);
        }
        return replay("occurred_at >= :from AND occurred_at < :to", Map.of("from", from, "to", to));
    }

    private Replay replay(String where, Map<String, Object> parameters) {
        long count = ((Number) bind(em.createNativeQuery("SELECT count(*) FROM event_history WHERE " + where),
                parameters).getSingleResult()).longValue();
        if (count > MAX_EVENTS) {
            throw new InvalidReplayException(count + " events match; a replay takes at most " + MAX_EVENTS);
        }
        UUID replayId = UUID.randomUUID();
        long last = 0;
        long sent = 0;
        while (true) {
            @SuppressWarnings("unchecked")
            List<OutboxEvent> page = bind(em.createNativeQuery("SELECT * FROM event_history WHERE " + where
                    + " AND id > :after ORDER BY id LIMIT " + PAGE, OutboxEvent.class), parameters)
                    .setParameter("after", last)
                    .getResultList();
            if (page.isEmpty()) {
                break;
            }
            publisher.replay(page, replayId);
            sent += page.size();
            last = page.get(page.size() - 1).id();
            em.clear();
        }
        long events = sent;
        LOG.info(() -> "Replay " + replayId + " sent " + events + " event(s) to " + Destinations.REPLAY);
        return new Replay(replayId, sent, Destinations.REPLAY);
    }

    private static Query bind(Query query, Map<String, Object> parameters) {
        parameters.forEach(query::setParameter);
        return query;
    }
}

package org.waybill.history;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.waybill.outbox.EventPublisher;
import org.waybill.outbox.OutboxEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Sends one page of a replay and records it, in one short transaction: the replay's row is locked (one page at a
 * time per replay), the page goes to the broker in a local broker transaction, then the row advances past it. The
 * transaction never grows with the replay, and a stop loses no progress but the page in flight.
 */
@Stateless
public class ReplayPages {
    static final int PAGE = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    EventPublisher publisher;

    /**
     * Sends the replay's next page, if {@code sender} still sends it. {@code resent}: the page may be with the
     * broker already (a resumed replay's first page), so it goes message by message, where the broker drops the
     * copies it has (their duplicate-detection id is the replay's and the event's); in one broker transaction a
     * single copy would make it refuse the whole page.
     *
     * @return whether more pages follow
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean sendNext(UUID replayId, UUID sender, boolean resent) {
        ReplayRecord replay = em.find(ReplayRecord.class, replayId, LockModeType.PESSIMISTIC_WRITE);
        if (replay == null || !replay.isSentBy(sender)) {
            return false; // a retry took the stalled replay over, or it ended
        }
        ReplayRequest request = replay.request();
        @SuppressWarnings("unchecked")
        List<OutboxEvent> page = Replays.bind(em.createNativeQuery("SELECT * FROM event_history WHERE "
                        + request.condition() + " AND id > :after AND id <= :last ORDER BY id LIMIT " + PAGE,
                        OutboxEvent.class), request)
                .setParameter("after", replay.sentThroughId())
                .setParameter("last", replay.lastEventId())
                .getResultList();
        if (page.isEmpty()) { // the rest was purged by retention meanwhile
            replay.finish(Instant.now());
            return false;
        }
        if (resent) {
            publisher.replayEach(page, replayId);
        } else {
            publisher.replay(page, replayId);
        }
        replay.advance(page.size(), page.get(page.size() - 1).id(), Instant.now());
        return replay.view().status() == ReplayStatus.RUNNING;
    }
}

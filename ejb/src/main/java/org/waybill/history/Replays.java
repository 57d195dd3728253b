package org.waybill.history;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.platform.ApplicationProblem;
import org.waybill.platform.IdempotencyKeys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The record of replays: opens one for a request, or finds the one the caller asked for before with the same
 * Idempotency-Key, and hands a stopped one to a new sender. Each call is one short transaction.
 */
@Stateless
public class Replays {
    /** A larger replay is refused: ask for a shorter range. */
    public static final long MAX_EVENTS = 100_000;
    private static final String IDEMPOTENCY_INDEX = "replays_idempotency_idx";

    @PersistenceContext
    EntityManager em;

    /**
     * How long a RUNNING replay may go without a page before it is taken over (by a retry or ReplayResumption); far
     * above a page's time.
     */
    @Inject
    @ConfigProperty(name = "waybill.history.replay-stalled-after-seconds", defaultValue = "60")
    long stalledAfterSeconds;

    /**
     * What a request opened or found.
     *
     * @param sender   the sender to start, or null when there is nothing to send or a sender is running
     * @param resumed  the replay had been sent in part: its first page may be with the broker already
     * @param repeated the caller had asked for it before with the same key
     */
    public record Opened(Replay replay, UUID sender, boolean resumed, boolean repeated) {
    }

    public Opened open(ReplayRequest asked, String requestedBy, String idempotencyKey) {
        if (!IdempotencyKeys.isValid(idempotencyKey)) {
            throw new InvalidReplayException(IdempotencyKeys.HEADER + " " + IdempotencyKeys.RULE,
                    List.of(new ApplicationProblem.Violation(IdempotencyKeys.HEADER, IdempotencyKeys.RULE)));
        }
        ReplayRequest request = ReplayRequest.checked(asked);
        if (idempotencyKey != null) {
            ReplayRecord earlier = openedWith(requestedBy, idempotencyKey);
            if (earlier != null) {
                if (!earlier.request().sameAs(request)) {
                    throw new ReplayConflictException(IdempotencyKeys.HEADER + " " + idempotencyKey
                            + " was used for a different replay (" + earlier.id() + ")");
                }
                return again(earlier);
            }
        }
        Object[] matching = (Object[]) bind(em.createNativeQuery("SELECT count(*), coalesce(max(id), 0) "
                + "FROM event_history WHERE " + request.condition()), request).getSingleResult();
        long events = ((Number) matching[0]).longValue();
        if (events > MAX_EVENTS) {
            throw new InvalidReplayException(events + " events match; a replay takes at most " + MAX_EVENTS);
        }
        ReplayRecord replay = ReplayRecord.open(request, requestedBy, idempotencyKey, events,
                ((Number) matching[1]).longValue(), UUID.randomUUID(), Instant.now());
        em.persist(replay);
        IdempotencyKeys.flushUnlessTaken(em, IDEMPOTENCY_INDEX, () -> new ReplayConflictException(
                "a replay request with " + IdempotencyKeys.HEADER + " " + idempotencyKey
                        + " is being recorded; retry it to get its replay"));
        Replay view = replay.view();
        return new Opened(view, view.status() == ReplayStatus.RUNNING ? replay.sender() : null, false, false);
    }

    public Replay find(UUID id) {
        ReplayRecord replay = em.find(ReplayRecord.class, id);
        if (replay == null) {
            throw new ReplayNotFoundException(id);
        }
        return replay.view();
    }

    /** The sender stopped on a failure: the replay is FAILED with the reason, unless another sender has it now. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void fail(UUID id, UUID sender, String reason) {
        ReplayRecord replay = em.find(ReplayRecord.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (replay != null && replay.isSentBy(sender)) {
            replay.fail(reason, Instant.now());
        }
    }

    /**
     * The replays whose sender is gone, each handed to a new sender ({@link ReplayResumption}): those RUNNING without
     * a page for the stall time, and with {@code failedToo} the FAILED ones.
     *
     * @return the replays taken over here, each with its new sender
     */
    public List<Opened> resumeStopped(boolean failedToo) {
        Instant now = Instant.now();
        List<Opened> resumed = new ArrayList<>();
        for (ReplayRecord replay : em.createQuery("select r from ReplayRecord r where r.status <> :done",
                        ReplayRecord.class).setParameter("done", ReplayStatus.DONE).getResultList()) {
            if (replay.isStopped(now, stalledAfter())
                    && (failedToo || replay.view().status() == ReplayStatus.RUNNING)) {
                UUID sender = takeOver(replay, now);
                if (sender != null) {
                    resumed.add(new Opened(replay.view(), sender, true, false));
                }
            }
        }
        return resumed;
    }

    /** The same request again: a running or finished replay is answered as it is; a stopped one gets a new sender. */
    private Opened again(ReplayRecord earlier) {
        Instant now = Instant.now();
        if (!earlier.isStopped(now, stalledAfter())) {
            return new Opened(earlier.view(), null, false, true);
        }
        UUID sender = takeOver(earlier, now);
        return new Opened(earlier.view(), sender, sender != null, true);
    }

    private Duration stalledAfter() {
        return Duration.ofSeconds(stalledAfterSeconds);
    }

    /**
     * Hands a stopped replay to a new sender, conditional on the row being as read, so of two take-overs at once
     * (retries of the request, nodes resuming) only one starts a sender, and a sender that was only slow stops at its
     * next page (it is no longer the replay's sender).
     *
     * @return the new sender, or null if another took it first
     */
    private UUID takeOver(ReplayRecord stopped, Instant now) {
        UUID sender = UUID.randomUUID();
        int taken = em.createQuery("UPDATE ReplayRecord r SET r.status = :running, r.sender = :sender, "
                        + "r.error = null, r.updatedAt = :now WHERE r.id = :id AND r.status = :status "
                        + "AND r.updatedAt = :seen")
                .setParameter("running", ReplayStatus.RUNNING)
                .setParameter("sender", sender)
                .setParameter("now", now)
                .setParameter("id", stopped.id())
                .setParameter("status", stopped.view().status())
                .setParameter("seen", stopped.view().updatedAt())
                .executeUpdate();
        em.refresh(stopped);
        return taken == 1 ? sender : null;
    }

    private ReplayRecord openedWith(String requestedBy, String idempotencyKey) {
        return em.createQuery("select r from ReplayRecord r where r.requestedBy = :by and r.idempotencyKey = :key",
                        ReplayRecord.class)
                .setParameter("by", requestedBy)
                .setParameter("key", idempotencyKey)
                .getResultStream().findFirst().orElse(null);
    }


    static Query bind(Query query, ReplayRequest request) {
        request.parameters().forEach(query::setParameter);
        return query;
    }
}

package org.waybill.outbox;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.messaging.MessagingMode;

import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Publishes one batch of outbox rows in a transaction of its own: claim, send, mark.
 * <p>
 * Claiming uses {@code FOR UPDATE SKIP LOCKED}, so relays on several WildFly nodes share the work without taking the
 * same row. A relay takes an order's rows only while it holds the order's first unpublished row ({@link #CLAIM}): it
 * never overtakes another relay's in-flight event of the same order, and never waits for it either. Rows are marked
 * (moved into the event log) only after the broker acknowledged them; if the mark is lost (crash, rollback) the row is
 * sent again and the broker drops the duplicate.
 * In XA mode the sends join this transaction instead, and rows and messages commit together; only a batch after a
 * failed one goes one by one outside it (at least once), since a duplicate would fail every XA attempt.
 * <p>
 * A singleton open to concurrent calls (it keeps no state) that the relay depends on, so that WildFly stops it only
 * after the relay's batches ended, not under them: a singleton as the specification has {@code @DependsOn}, though
 * WildFly orders a stateless bean so named too ({@link org.waybill.platform.PeriodicTask}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxBatch {
    private static final Logger LOG = Logger.getLogger(OutboxBatch.class.getName());

    /**
     * The claim query, parameter {@code :max}; public so the integration tests can prove it under concurrency.
     * <p>
     * A relay takes an order's rows only while it holds the row lock on the order's first unpublished row, its head:
     * two relays never hold the same head, so no relay overtakes another's in-flight event of that order.
     * <ul>
     *   <li>{@code set_aside}: the orders that have a row set aside (the broker kept refusing it; its order's later
     *       rows wait with it, see V14__outbox_set_aside.sql), read once from their small index.</li>
     *   <li>{@code front}: the first unpublished rows in id order, read without locks, up to ten batches' worth, but
     *       none of a set-aside order. It is a prefix, so the first row of each of its orders there is that order's
     *       head.</li>
     *   <li>{@code owned}: the heads this relay could lock (SKIP LOCKED passes the heads other relays hold). Orders
     *       held elsewhere are skipped, not waited for: their later rows, however many, do not count against the
     *       batch, so a relay that hangs on its batch stalls its own orders only (until PostgreSQL ends its session,
     *       see the datasource settings), never the others, as long as the front reaches beyond them.</li>
     *   <li>{@code taken}: the front's rows of the owned orders, locked; a row of an owned order that is locked
     *       elsewhere (possible only for a row committed out of id order) cuts that order's rows after it.</li>
     * </ul>
     * Only {@code front} reads the backlog, along the unpublished-id index up to its limit; the other steps look rows
     * up by id in lists no longer than the front ({@code = ANY (ARRAY(...))}, computed once), which the planner cannot
     * turn into joins. So a batch costs the same however long the backlog, even while the statistics still say the
     * outbox is empty. (Asking each row for earlier rows of its order let the planner scan the whole backlog per batch:
     * half a second per batch at 5,000 waiting events. Joins there let statistics taken while the outbox was drained
     * plan, for a burst that came after, a read of the whole backlog or a scan repeated per backlog row: OutboxClaimIT.)
     */
    public static final String CLAIM = """
            WITH set_aside AS MATERIALIZED (
                SELECT DISTINCT aggregate_id FROM outbox WHERE set_aside_at IS NOT NULL),
            front AS MATERIALIZED (
                SELECT id, aggregate_id FROM outbox
                 WHERE published_at IS NULL
                   AND aggregate_id NOT IN (SELECT aggregate_id FROM set_aside)
                 ORDER BY id
                 LIMIT 10 * :max),
            owned AS MATERIALIZED (
                SELECT aggregate_id FROM outbox
                 WHERE id = ANY (ARRAY(SELECT min(id) FROM front GROUP BY aggregate_id))
                   AND published_at IS NULL
                 ORDER BY id
                 LIMIT :max
                   FOR UPDATE SKIP LOCKED),
            taken AS MATERIALIZED (
                SELECT id, aggregate_id FROM outbox
                 WHERE id = ANY (ARRAY(SELECT f.id FROM front f JOIN owned o ON o.aggregate_id = f.aggregate_id))
                   AND published_at IS NULL
                 ORDER BY id
                 LIMIT :max
                   FOR UPDATE SKIP LOCKED),
            cut AS (
                SELECT f.aggregate_id, min(f.id) AS first_id FROM front f JOIN owned o ON o.aggregate_id = f.aggregate_id
                 WHERE f.id NOT IN (SELECT id FROM taken)
                 GROUP BY f.aggregate_id)
            SELECT x.* FROM outbox x
             WHERE x.id = ANY (ARRAY(
                   SELECT t.id FROM taken t
                    WHERE NOT EXISTS (
                          SELECT 1 FROM cut c
                           WHERE c.aggregate_id = t.aggregate_id
                             AND c.first_id < t.id)))
             ORDER BY x.id""";

    /**
     * Marks the published rows by moving them into the event log, parameters {@code :ids} and {@code :at}. A publish
     * that only set {@code published_at} rewrote the whole row (the payload with it) and its index entries, and the
     * cleanup moved it again ten minutes later ({@link OutboxCleanup}); moved here, each event is written to the event
     * log once, and the outbox holds only what waits for the relay. The per-order guard of {@link #CLAIM} reads only
     * unpublished rows, and a row that left the outbox is published as surely as one marked.
     */
    static final String MOVE_PUBLISHED = EventLogMove.intoEventLog(":ids", "CAST(:at AS timestamptz)");

    /**
     * Lets the batch's commit return before PostgreSQL has flushed it to disk. What the batch writes (the marks, a
     * refusal's count) can then be lost in a crash of PostgreSQL, with every commit after it, never a part of it: its
     * rows are in the outbox again after the restart and are sent again, and the broker drops them by their
     * duplicate-detection id, as after a relay that crashed before its mark. The rows themselves came from business
     * transactions, which keep their flush: an event exists exactly when its state change is durable. A prepared
     * transaction (the XA mode's batches) is flushed whatever this says.
     */
    static final String COMMIT_WITHOUT_FLUSH = "SELECT set_config('synchronous_commit', 'off', true)";

    /**
     * The claimed rows are only read, then moved by a statement: loaded read-only, Hibernate keeps no copy of each
     * row's state to compare at the move's flush and at the commit.
     */
    private static final String READ_ONLY = "org.hibernate.readOnly";

    @PersistenceContext
    EntityManager em;

    @Inject
    EventPublisher publisher;

    @Inject
    MessagingMode mode;

    /** How often the broker may refuse a row, while it takes others, before the row is set aside. */
    @Inject
    @ConfigProperty(name = "waybill.relay.max-publish-attempts", defaultValue = "5")
    int maxAttempts;

    /**
     * @param oneByOne send each event on its own instead of in one broker (or XA) transaction: after a failed
     *                 batch, which may have been a resend of events the broker already has, or held a row the broker
     *                 refuses (see {@link EventPublisher#publishEach})
     * @return the rows the batch published and marked
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<OutboxEvent> publish(int max, boolean oneByOne) {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> batch = em.createNativeQuery(CLAIM, OutboxEvent.class)
                .setParameter("max", max)
                .setHint(READ_ONLY, true)
                .getResultList();
        if (batch.isEmpty()) {
            return batch;
        }
        em.createNativeQuery(COMMIT_WITHOUT_FLUSH).getSingleResult();
        if (oneByOne) {
            EventPublisher.EachPublished each = publisher.publishEach(batch);
            each.refused().forEach(this::refused);
            return marked(each.published());
        }
        if (mode.isXa()) {
            publisher.publishInTransaction(batch);
        } else {
            publisher.publish(batch);
        }
        return marked(batch);
    }

    private List<OutboxEvent> marked(List<OutboxEvent> published) {
        em.createNativeQuery(MOVE_PUBLISHED)
                .setParameter("ids", published.stream().map(OutboxEvent::id).toList())
                .setParameter("at", Instant.now())
                .executeUpdate();
        return published;
    }

    /** Counts the broker's refusal of the row; at the limit the row is set aside, with its order's later rows. */
    private void refused(OutboxEvent row, String reason) {
        Object[] counted = (Object[]) em.createNativeQuery("""
                        UPDATE outbox SET publish_attempts = publish_attempts + 1,
                                          last_publish_error = left(?1, 1000),
                                          set_aside_at = CASE WHEN publish_attempts + 1 >= ?2 THEN now() END
                         WHERE id = ?3
                        RETURNING publish_attempts, set_aside_at IS NOT NULL""")
                .setParameter(1, reason)
                .setParameter(2, maxAttempts)
                .setParameter(3, row.id())
                .getSingleResult();
        String what = row.envelope().type() + " " + row.envelope().eventId() + " of order " + row.envelope().aggregateId()
                + " (outbox row " + row.id() + ", to " + row.destination() + ")";
        if ((Boolean) counted[1]) {
            LOG.warning(() -> "Outbox relay sets aside " + what + " after " + counted[0] + " refusals, with the later "
                    + "events of its order, until an operator retries it (POST /api/outbox/set-aside/" + row.id()
                    + "/retry): " + reason);
        } else {
            LOG.info(() -> "The broker refused " + what + " (attempt " + counted[0] + " of " + maxAttempts + "): " + reason);
        }
    }
}

package org.waybill.outbox;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.messaging.MessagingMode;
import org.waybill.platform.Database;
import org.waybill.platform.SqlValues;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Publishes one batch of outbox rows in a transaction of its own: claim, send, mark.
 * <p>
 * Claiming uses {@code FOR UPDATE SKIP LOCKED}, so relays on several WildFly nodes share the work without taking the
 * same row. A relay takes an order's rows only while it holds the order's first unpublished row
 * ({@link OutboxClaim}): it never overtakes another relay's in-flight event of the same order, and never waits for it
 * either. Rows are marked (moved into the event log) only after the broker acknowledged them; if the mark is lost
 * (crash, rollback) the row is sent again and the broker drops the duplicate.
 * In XA mode the sends join this transaction instead, and rows and messages commit together; only a batch after a
 * failed one goes one by one outside it (at least once), since a duplicate would fail every XA attempt.
 * <p>
 * The batch's statements run on the transaction's connection, not through Hibernate: its rows are values that are
 * only sent and moved, which no persistence context need map, track or flush ({@link OutboxClaim}).
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
     * Lets the batch's commit return before PostgreSQL has flushed it to disk. What the batch writes (the marks, a
     * refusal's count) can then be lost in a crash of PostgreSQL, with every commit after it, never a part of it: its
     * rows are in the outbox again after the restart and are sent again, and the broker drops them by their
     * duplicate-detection id, as after a relay that crashed before its mark. The rows themselves came from business
     * transactions, which keep their flush: an event exists exactly when its state change is durable. A prepared
     * transaction (the XA mode's batches) is flushed whatever this says. PostgreSQL reads the setting at the commit,
     * so it goes with the move ({@link #MOVE_PUBLISHED}), the last statement of every batch that commits.
     */
    static final String COMMIT_WITHOUT_FLUSH = "SET LOCAL synchronous_commit TO off";

    /**
     * Marks the published rows by moving them into the event log, parameters the ids (an array) and the time. A
     * publish that only set {@code published_at} rewrote the whole row (the payload with it) and its index entries,
     * and the cleanup moved it again ten minutes later ({@link OutboxCleanup}); moved here, each event is written to
     * the event log once, and the outbox holds only what waits for the relay. The per-order guard of the claim reads
     * only unpublished rows, and a row that left the outbox is published as surely as one marked.
     * {@link #COMMIT_WITHOUT_FLUSH} comes first in the same text, which the driver sends in the move's round trip: as
     * a statement of its own it cost a round trip per batch.
     */
    static final String MOVE_PUBLISHED = COMMIT_WITHOUT_FLUSH + "; " + EventLogMove.intoEventLog(
            "SELECT unnest(CAST(? AS bigint[]))", "CAST(? AS timestamptz)");

    /** The transaction's connection, the one Hibernate would use: the batch's statements and the rows it reads. */
    @Resource(lookup = Database.DATASOURCE)
    DataSource dataSource;

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
        try (Connection connection = dataSource.getConnection()) {
            List<OutboxEvent> batch = OutboxClaim.rows(connection, max);
            if (batch.isEmpty()) {
                return batch;
            }
            if (oneByOne) {
                EventPublisher.EachPublished each = publisher.publishEach(batch);
                for (var refusal : each.refused().entrySet()) {
                    refused(connection, refusal.getKey(), refusal.getValue());
                }
                return marked(connection, each.published());
            }
            if (mode.isXa()) {
                publisher.publishInTransaction(batch);
            } else {
                publisher.publish(batch);
            }
            return marked(connection, batch);
        } catch (SQLException e) {
            throw new PersistenceException("outbox batch failed in the database: " + e.getMessage(), e);
        }
    }

    private static List<OutboxEvent> marked(Connection connection, List<OutboxEvent> published) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement(MOVE_PUBLISHED)) {
            move.setArray(1, connection.createArrayOf("bigint", published.stream().map(OutboxEvent::id).toArray()));
            move.setObject(2, SqlValues.timestamptz(Instant.now()));
            move.execute();
        }
        return published;
    }

    /** Counts the broker's refusal of the row; at the limit the row is set aside, with its order's later rows. */
    private void refused(Connection connection, OutboxEvent row, String reason) throws SQLException {
        int attempts;
        boolean setAside;
        try (PreparedStatement count = connection.prepareStatement("""
                UPDATE outbox SET publish_attempts = publish_attempts + 1,
                                  last_publish_error = left(?, 1000),
                                  set_aside_at = CASE WHEN publish_attempts + 1 >= ? THEN now() END
                 WHERE id = ?
                RETURNING publish_attempts, set_aside_at IS NOT NULL""")) {
            count.setString(1, reason);
            count.setInt(2, maxAttempts);
            count.setLong(3, row.id());
            try (ResultSet counted = count.executeQuery()) {
                counted.next();
                attempts = counted.getInt(1);
                setAside = counted.getBoolean(2);
            }
        }
        String what = row.envelope().type() + " " + row.envelope().eventId() + " of order " + row.envelope().aggregateId()
                + " (outbox row " + row.id() + ", to " + row.destination() + ")";
        if (setAside) {
            LOG.warning(() -> "Outbox relay sets aside " + what + " after " + attempts + " refusals, with the later "
                    + "events of its order, until an operator retries it (POST /api/outbox/set-aside/" + row.id()
                    + "/retry): " + reason);
        } else {
            LOG.info(() -> "The broker refused " + what + " (attempt " + attempts + " of " + maxAttempts + "): " + reason);
        }
    }
}

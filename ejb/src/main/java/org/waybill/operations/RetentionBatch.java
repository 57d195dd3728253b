package org.waybill.operations;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;

/** One batch of the retention purge, in a transaction of its own, so that no purge holds locks for long. */
@Stateless
public class RetentionBatch {
    /**
     * The tables that are purged by age, each with its age column (indexed, but for replays: one row per operator's
     * request). A row whose age column is null (a replay not finished) is never purged.
     */
    public enum Table {
        INBOX("inbox", "processed_at"),
        EVENT_LOG("event_log", "occurred_at"),
        OPERATOR_ACTIONS("operator_actions", "at"),
        STEP_STATISTICS("step_statistics", "bucket"),
        REPLAYS("replays", "finished_at");

        final String name;
        final String ageColumn;

        Table(String name, String ageColumn) {
            this.name = name;
            this.ageColumn = ageColumn;
        }
    }

    @PersistenceContext
    EntityManager em;

    /** @return how many rows of the table older than {@code before} were deleted (at most limit) */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int delete(Table table, Instant before, int limit) {
        return em.createNativeQuery("DELETE FROM " + table.name + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM "
                        + table.name + " WHERE " + table.ageColumn + " < ?1 LIMIT ?2))")
                .setParameter(1, before)
                .setParameter(2, limit)
                .executeUpdate();
    }
}

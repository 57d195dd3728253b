package org.waybill.operations;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.PersistenceException;
import org.waybill.platform.Database;
import org.waybill.platform.SqlValues;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

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

    @Resource(lookup = Database.DATASOURCE)
    DataSource dataSource;

    /**
     * In plain JDBC, its connection closed within this call. Hibernate closed its own at the commit, after the call had
     * returned into the purge's election, which holds a connection of the same pool: the pool took it for one it did
     * not know and logged a stack trace per batch ({@code IJ000152}).
     *
     * @return how many rows of the table older than {@code before} were deleted (at most limit)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int delete(Table table, Instant before, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table.name
                     + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table.name + " WHERE " + table.ageColumn
                     + " < ? LIMIT ?))")) {
            delete.setObject(1, SqlValues.timestamptz(before));
            delete.setInt(2, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("retention purge of " + table.name + " failed: " + e.getMessage(), e);
        }
    }
}

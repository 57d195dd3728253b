package org.waybill.platform;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Elects the one node that runs a task now, with a PostgreSQL advisory lock: {@code pg_try_advisory_lock(}
 * {@value #NAMESPACE}{@code , hash)}, where hash is the task's name's {@link String#hashCode()}. The lock is taken on
 * a connection of the pool that the run keeps until it ends and then unlocks, so it is held exactly as long as the
 * run. A node that dies while elected takes its lock with it: PostgreSQL ends the session, and with it its advisory
 * locks, when the connection drops, so the next run on any node is elected without anyone stepping in.
 * <p>
 * Why a session lock on a connection of its own: a transaction-level lock would need one transaction open for the
 * whole run, while the tasks commit in transactions of their own (batches, one per dead letter), and the datasource
 * ends a session idle in a transaction after 60 s; a lease row would need a table, renewals and agreeing clocks. No
 * transaction here ({@code NOT_SUPPORTED}), so the connection is never enlisted, and it goes back to the pool
 * unlocked.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Election {
    private static final Logger LOG = Logger.getLogger(Election.class.getName());
    /** The first key of Waybill's election locks ("Wayb"); no other advisory lock of Waybill's uses two keys. */
    public static final int NAMESPACE = 0x57617962;

    @Resource(lookup = Database.DATASOURCE)
    DataSource dataSource;

    /**
     * Runs the task here if no other node runs it now.
     *
     * @return whether it ran (false: another node holds the election)
     */
    public boolean runIfElected(String task, Runnable run) {
        try (Connection connection = dataSource.getConnection()) {
            if (!advisoryLock(connection, "pg_try_advisory_lock", task)) {
                return false;
            }
            try {
                run.run();
            } finally {
                unlock(connection, task);
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("the election of " + task + " failed: " + e.getMessage(), e);
        }
    }

    /** An unlock fails only with its connection, and then the lock has gone with the session: nothing to do. */
    private static void unlock(Connection connection, String task) {
        try {
            advisoryLock(connection, "pg_advisory_unlock", task);
        } catch (SQLException e) {
            LOG.fine(() -> "the election of " + task + " ended with its connection: " + e.getMessage());
        }
    }

    private static boolean advisoryLock(Connection connection, String function, String task) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
            s.setInt(1, NAMESPACE);
            s.setInt(2, task.hashCode());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}

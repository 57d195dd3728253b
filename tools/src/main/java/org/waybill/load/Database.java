package org.waybill.load;

import org.waybill.stack.StackSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stack's database read (and written) directly, as the integration tests, a drill or the benchmark check what the
 * application wrote. {@code ?} in a statement is a parameter. Reads wait out a restart of the database (up to
 * {@link #RESTART_WAIT}); any other failure is thrown at once.
 */
public record Database(StackSettings settings) {
    /** How long a read waits while the database cannot be reached, e.g. while a drill restarts it. */
    public static final Duration RESTART_WAIT = Duration.ofMinutes(2);

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.databaseUser().user(),
                settings.databaseUser().password());
    }

    /** The single number a query returns, e.g. a count; null counts as 0. */
    public long number(String sql, Object... params) {
        return waitingOutRestarts(sql, () -> {
            try (Connection c = connect(); PreparedStatement s = prepare(c, sql, params);
                 ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for " + sql);
                }
                return rs.getLong(1);
            }
        });
    }

    /** The single value a query returns, as text. */
    public String text(String sql, Object... params) {
        return waitingOutRestarts(sql, () -> {
            try (Connection c = connect(); PreparedStatement s = prepare(c, sql, params);
                 ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for " + sql);
                }
                return rs.getString(1);
            }
        });
    }

    /** A two-column query (name, number), e.g. a count per group. */
    public Map<String, Long> counts(String sql, Object... params) {
        return waitingOutRestarts(sql, () -> {
            try (Connection c = connect(); PreparedStatement s = prepare(c, sql, params);
                 ResultSet rs = s.executeQuery()) {
                Map<String, Long> counts = new TreeMap<>();
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
                return counts;
            }
        });
    }

    /**
     * Whether a prepared query returns a row, asked again and again on the caller's connection: a poll that opens no
     * connection of its own (a new PostgreSQL backend and its authentication each time) in the database it watches.
     */
    public static boolean anyRow(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            return rs.next();
        }
    }

    /** Runs a statement that returns no rows (an update, an insert, DDL); not retried. */
    public void execute(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, params)) {
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }

    private interface Query<T> {
        T run() throws SQLException;
    }

    private static <T> T waitingOutRestarts(String sql, Query<T> query) {
        long deadline = System.nanoTime() + RESTART_WAIT.toNanos();
        while (true) {
            try {
                return query.run();
            } catch (SQLException e) {
                if (!unreachable(e) || System.nanoTime() > deadline) {
                    throw new IllegalStateException(sql + ": " + e.getMessage(), e);
                }
                Load.sleep(1_000); // the database is restarting
            }
        }
    }

    /**
     * Whether the database could not be reached or went away: SQLSTATE class 08 (connection exception) or 57P01-03
     * (shut down, crashed, starting up), as a restart causes; not a failure of the statement itself.
     */
    private static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}

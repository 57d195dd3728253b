package org.waybill.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the test PostgreSQL directly, to check what the application wrote. */
final class Db {
    private Db() {
    }

    static Connection connect() throws SQLException {
        var settings = TestStack.stack().settings();
        return DriverManager.getConnection(settings.jdbcUrl(), settings.databaseUser().user(),
                settings.databaseUser().password());
    }

    /** The single number a query returns, e.g. a count. */
    static long number(String sql, Object... params) {
        return Long.parseLong(text(sql, params));
    }

    static void execute(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single value a query returns, as text. */
    static String text(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for " + sql);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

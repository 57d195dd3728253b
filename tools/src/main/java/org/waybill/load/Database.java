package org.waybill.load;

import org.waybill.stack.StackSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** A stack's database read (and written) directly, as a drill or a benchmark checks it; reads wait out a restart. */
public record Database(StackSettings settings) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.databaseUser().user(),
                settings.databaseUser().password());
    }

    /** The single number a query returns; waits while the database restarts. */
    public long number(String sql) {
        while (true) {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                Load.sleep(1_000); // the database may be restarting
            }
        }
    }

    /** A two-column query (name, number), e.g. a count per group. */
    public Map<String, Long> counts(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            Map<String, Long> counts = new TreeMap<>();
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}

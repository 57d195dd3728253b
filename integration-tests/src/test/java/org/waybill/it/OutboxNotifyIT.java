package org.waybill.it;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.waybill.it.TestStack.db;

/**
 * The notification a commit to the outbox sends (channel waybill_outbox, migration V19), heard as every node's
 * listener hears it. It runs on an outbox in a schema of its own, migrated by the application's migrations, so the
 * notifications are told apart from the deployed application's by their payload (the schema).
 */
class OutboxNotifyIT {
    private static final String SCHEMA = "outbox_notify_it";
    private static final String ROW = "(gen_random_uuid(), 'it.probe', 1, 'order', 'o', now(), 'o', '{}'::jsonb, %s)";

    private Connection listener;

    @BeforeEach
    void freshOutboxAndListener() throws SQLException {
        try (Connection c = db().connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        var settings = TestStack.stack().settings();
        Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.databaseUser().user(), settings.databaseUser().password())
                .schemas(SCHEMA)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        listener = db().connect();
        try (Statement s = listener.createStatement()) {
            s.execute("LISTEN waybill_outbox");
        }
    }

    @AfterEach
    void dropOutbox() throws SQLException {
        listener.close();
        try (Connection c = db().connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void aTransactionAddingRowsInSeveralStatementsNotifiesOnceWhenItCommits() throws SQLException {
        try (Connection c = transaction(); Statement s = c.createStatement()) {
            s.execute(insert(1, "NULL"));
            s.execute(insert(2, "NULL"));
            s.execute(insert(1, "NULL"));
            assertEquals(0, notifications(500), "nothing before the commit");
            c.commit();
        }
        assertEquals(1, notifications(2000), "one notification for the transaction's four rows");
    }

    @Test
    void aRollbackOrRowsWrittenAlreadyPublishedNotifyNobody() throws SQLException {
        try (Connection c = transaction(); Statement s = c.createStatement()) {
            s.execute(insert(1, "NULL"));
            c.rollback();
            s.execute(insert(2, "now()")); // as the benchmark's direct-xa mode writes them
            c.commit();
        }
        assertEquals(0, notifications(1000));
    }

    /** One INSERT statement of that many rows. */
    private static String insert(int rows, String publishedAt) {
        return "INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at, "
                + "correlation_id, payload, published_at) VALUES "
                + String.join(", ", Collections.nCopies(rows, ROW.formatted(publishedAt)));
    }

    private static Connection transaction() throws SQLException {
        Connection c = db().connect();
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
        }
        c.setAutoCommit(false);
        return c;
    }

    /** How many notifications of this schema's outbox the listener got within that time. */
    private int notifications(int millis) throws SQLException {
        List<PGNotification> heard = new ArrayList<>();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long left;
        while ((left = (deadline - System.nanoTime()) / 1_000_000L) > 0) {
            PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications((int) left);
            if (got != null) {
                heard.addAll(List.of(got));
            }
        }
        return (int) heard.stream().filter(n -> n.getName().equals("waybill_outbox") && n.getParameter().equals(SCHEMA))
                .count();
    }
}

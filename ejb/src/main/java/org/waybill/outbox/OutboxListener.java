package org.waybill.outbox;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.waybill.platform.Database;
import org.waybill.platform.Failures;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wakes this node's relay when another node commits events: one connection of the pool listens on {@value #CHANNEL},
 * on which the other nodes' {@link OutboxNotifier} notify after each commit that added outbox rows, so the outbox lag
 * does not depend on which node wrote an event. The session is named {@value #SESSION_PREFIX} and the node's
 * identifier, which is how the others know it listens. A notification of its own node (the payload is the sender's
 * identifier) is passed over, as its commit woke the relay in-process already. When the connection is lost
 * (PostgreSQL restarted), it connects again with backoff while the relay's poll covers the gap. Not started on a node
 * whose relay is disabled.
 */
@Singleton
@Startup
@DependsOn("OutboxRelay")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxListener {
    public static final String CHANNEL = "waybill_outbox";
    /**
     * The listening session's {@code application_name} in PostgreSQL, followed by the node's identifier: how the other
     * nodes' {@link OutboxNotifier} tell that someone besides themselves listens.
     */
    static final String SESSION_PREFIX = "waybill-outbox-listener:";
    private static final Logger LOG = Logger.getLogger(OutboxListener.class.getName());
    /** One wait for notifications; it also bounds how long undeployment waits for the thread. */
    private static final int WAIT_MILLIS = 500;
    /**
     * A wait alone never notices a PostgreSQL that vanished without closing the connection (a host gone, a cut
     * network); a statement does, once TCP gives up on its unanswered send. The poll covers the time until then.
     */
    private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    @Resource(lookup = Database.DATASOURCE)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    OutboxRelay relay;

    @Inject
    RelayMeters meters;

    @Inject
    @ConfigProperty(name = "waybill.node.id", defaultValue = "waybill-1")
    String node;

    /**
     * Counted down at undeployment; ends a pause between attempts. Not an interrupt: with the thread's interrupt flag
     * set, the pool's connection wrapper refuses every statement ("Interrupted attempting lock"), so the
     * {@link #unlisten} on the way out was skipped and the connection went back to the pool listening and named as
     * this node's listener, for the next deployment's steps to run on.
     */
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private Thread thread;

    @PostConstruct
    void start() {
        if (relay.isEnabled()) {
            thread = threads.newThread(this::run);
            thread.setName("waybill-outbox-listener");
            thread.start();
        }
    }

    @PreDestroy
    void stop() {
        stopSignal.countDown();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        ListenerOutage outage = new ListenerOutage();
        while (!stopping()) {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isWrapperFor(PGConnection.class)) {
                    LOG.severe("Outbox listener stopped: WaybillDS is not a PostgreSQL connection of the module "
                            + "org.postgresql.jdbc; other nodes' commits wait for the relay's poll");
                    return;
                }
                String poolName = sessionName(connection);
                try {
                    nameSession(connection, SESSION_PREFIX + node);
                    listen(connection);
                    outage.listening(System.nanoTime()).ifPresentOrElse(
                            lasted -> LOG.info(String.format("Outbox listener listens again on %s, after %.1f s",
                                    CHANNEL, lasted.toMillis() / 1000.0)),
                            () -> LOG.info("Outbox listener listens on PostgreSQL channel " + CHANNEL
                                    + ": commits of every node wake this node's relay"));
                    relay.wake(); // for a commit nobody heard of while this node was not listening
                    receive(connection, connection.unwrap(PGConnection.class));
                } finally {
                    unlisten(connection, poolName);
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping()) {
                    return;
                }
                if (outage.failed(System.nanoTime())) {
                    LOG.log(Level.WARNING, "Outbox listener stopped listening: " + Failures.message(e)
                            + "; it connects again with backoff, and the relay polls meanwhile",
                            Failures.isTransient(e) ? null : e);
                } else {
                    LOG.fine(() -> "Outbox listener still cannot listen: " + Failures.message(e));
                }
                if (!pause(outage.delay())) {
                    return;
                }
            }
        }
    }

    private void receive(Connection connection, PGConnection notifications) throws SQLException {
        long checked = System.nanoTime();
        while (!stopping()) {
            PGNotification[] heard = notifications.getNotifications(WAIT_MILLIS);
            long others = heard == null ? 0 : Arrays.stream(heard).filter(n -> !node.equals(n.getParameter())).count();
            if (others > 0) {
                meters.notified(others);
                relay.wake();
            }
            if (System.nanoTime() - checked > CHECK_EVERY_NANOS) {
                listen(connection);
                checked = System.nanoTime();
            }
        }
    }

    /**
     * LISTEN, which is also the periodic check of the connection (a no-op once listening). Through the pool's
     * wrapper, so that its exception sorter sees a broken connection and discards it instead of pooling it again.
     */
    private static void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
    }

    /** The name the pool gave the session (waybill, waybill-xa), which {@link #unlisten} gives back. */
    private static String sessionName(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet name = statement.executeQuery("SELECT current_setting('application_name')")) {
            name.next();
            return name.getString(1);
        }
    }

    /** The session's name in {@code pg_stat_activity}, until {@link #unlisten}. */
    private static void nameSession(Connection connection, String applicationName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT set_config('application_name', ?, false)")) {
            statement.setString(1, applicationName);
            statement.execute();
        }
    }

    /**
     * A connection must not go back to the pool listening, as its driver would keep every notification in memory, nor
     * named as a listener, as the other nodes would notify for nobody. It gets the pool's name back, not a
     * {@code RESET}: the driver names a session by a {@code SET} after connecting, which a reset undoes to no name.
     */
    private static void unlisten(Connection connection, String poolName) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN " + CHANNEL);
            nameSession(connection, poolName);
        } catch (SQLException e) {
            // a driver's error: the pool's exception sorter has seen it and discards the connection. An error of the
            // pool's own wrapper would leave the connection listening, which is why nothing interrupts this thread.
        }
    }

    private boolean stopping() {
        return stopSignal.getCount() == 0;
    }

    /** False when the application stops meanwhile. */
    private boolean pause(Duration delay) {
        try {
            return !stopSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

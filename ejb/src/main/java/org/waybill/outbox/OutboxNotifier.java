package org.waybill.outbox;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.waybill.platform.Coalesced;
import org.waybill.platform.Database;
import org.waybill.platform.Failures;
import org.waybill.platform.PeriodicTask;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Tells the other nodes' relays that this node committed events: {@code NOTIFY waybill_outbox} with this node's
 * identifier ({@code WAYBILL_NODE_ID}) as payload ({@link OutboxListener}), sent after the commit
 * ({@link OutboxWakeUps}) from a connection outside any transaction. Not inside the business transaction: PostgreSQL
 * refuses to PREPARE a transaction that notified, and the XA modes prepare theirs. Commits that come while a
 * notification is being sent share the next one. A notification that cannot be sent is not retried: the other nodes'
 * poll finds the events.
 * <p>
 * Only while another node listens: a notification is a write transaction of PostgreSQL's, and every listening session
 * reads it in one more; on a single node it woke only the relay its commit had woken already. The
 * listeners name their sessions, so the notifier looks at {@code pg_stat_activity}, at most once a second
 * ({@link #LOOK_EVERY}): a node that starts listening is notified within it, its relay polling meanwhile, and one that
 * is gone (its session ended) soon costs no more notifications.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxNotifier {
    private static final Logger LOG = Logger.getLogger(OutboxNotifier.class.getName());
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    /** Whether a node other than this one listens. A node identifier cut to PostgreSQL's 63 bytes counts as other. */
    private static final String OTHERS_LISTEN = "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE datname = "
            + "current_database() AND starts_with(application_name, ?) AND application_name <> ?)";

    @Resource(lookup = Database.DATASOURCE)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    /** The notification's payload, so that each node's listener can tell its own node's commits from the others'. */
    @Inject
    @ConfigProperty(name = "waybill.node.id", defaultValue = "waybill-1")
    String node;

    @Inject
    OutboxWakeUps wakeUps;

    private final Coalesced notification = new Coalesced(this::send);
    /** On a single node a commit costs no hand-off to the executor either, but for a look once a second. */
    private final Runnable wakeUp = () -> {
        if (!nobodyElseListens()) {
            notification.request(executor);
        }
    };
    private volatile boolean failing;
    /** What the last look saw, and when; written by {@link #send} only, whose rounds run one at a time. */
    private volatile Boolean othersListen;
    private volatile long lookedAt;

    /** A startup singleton, so that it hears of the first commit too. */
    @PostConstruct
    void started() {
        wakeUps.add(wakeUp);
    }

    /** The notification under way ends before WildFly stops what it uses; none starts after. */
    @PreDestroy
    void stopped() {
        wakeUps.remove(wakeUp);
        try {
            notification.stop(PeriodicTask.STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send() {
        try {
            if (othersListen()) {
                notifyOthers();
            }
            if (failing) {
                failing = false;
                LOG.info("Outbox notifier reaches the database again");
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warning("Outbox notification not sent, the other nodes' relays find this node's events at their "
                        + "next poll: " + Failures.message(e));
            }
        }
    }

    private boolean nobodyElseListens() {
        return Boolean.FALSE.equals(othersListen) && lookIsFresh(System.nanoTime());
    }

    private boolean lookIsFresh(long now) {
        return now - lookedAt < LOOK_EVERY.toNanos();
    }

    /** What the last look saw, looking again once it is {@link #LOOK_EVERY} old; says so when it changes. */
    private boolean othersListen() throws SQLException {
        long now = System.nanoTime();
        Boolean seen = othersListen;
        if (seen == null || !lookIsFresh(now)) {
            seen = look();
            if (!seen.equals(othersListen)) {
                LOG.info(seen ? "Another node listens on " + OutboxListener.CHANNEL + ": this node notifies it"
                        : "No other node listens on " + OutboxListener.CHANNEL + ": this node notifies nobody");
            }
            othersListen = seen;
            lookedAt = now;
        }
        return seen;
    }

    private boolean look() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement look = connection.prepareStatement(OTHERS_LISTEN)) {
            look.setString(1, OutboxListener.SESSION_PREFIX);
            look.setString(2, OutboxListener.SESSION_PREFIX + node);
            try (ResultSet result = look.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private void notifyOthers() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, OutboxListener.CHANNEL);
            notify.setString(2, node);
            notify.execute();
        }
    }
}

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
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Tells every node's relay that this node committed events: {@code NOTIFY waybill_outbox} with this node's identifier
 * ({@code WAYBILL_NODE_ID}) as payload ({@link OutboxListener}), sent after the commit ({@link OutboxWakeUps}) from a
 * connection outside any transaction. Not inside the business transaction: PostgreSQL refuses to PREPARE a
 * transaction that notified, and the XA modes prepare theirs. Commits that come while a notification is being sent
 * share the next one, so under load it costs far less than a round trip per commit. A notification that cannot be
 * sent is not retried: the other nodes' poll finds the events.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxNotifier {
    private static final Logger LOG = Logger.getLogger(OutboxNotifier.class.getName());

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
    private final Runnable wakeUp = () -> notification.request(executor);
    private volatile boolean failing;

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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, OutboxListener.CHANNEL);
            notify.setString(2, node);
            notify.execute();
            if (failing) {
                failing = false;
                LOG.info("Outbox notifications reach the other nodes again");
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warning("Outbox notification not sent, the other nodes' relays find this node's events at their "
                        + "next poll: " + Failures.message(e));
            }
        }
    }
}

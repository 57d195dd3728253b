package org.waybill.outbox;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.waybill.platform.Coalesced;
import org.waybill.platform.Failures;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Tells every node's relay that this node committed events: {@code NOTIFY waybill_outbox} ({@link OutboxListener}),
 * sent after the commit from a connection outside any transaction. Not inside the business transaction: PostgreSQL
 * refuses to PREPARE a transaction that notified, and the XA modes prepare theirs. Commits that come while a
 * notification is being sent share the next one, so under load it costs far less than a round trip per commit. A
 * notification that cannot be sent is not retried: the other nodes' poll finds the events.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxNotifier {
    private static final Logger LOG = Logger.getLogger(OutboxNotifier.class.getName());

    @Resource(lookup = "java:jboss/datasources/WaybillDS")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    private final Coalesced notification = new Coalesced(this::send);
    private volatile boolean failing;

    public void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        notification.request(executor);
    }

    private void send() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, '')")) {
            notify.setString(1, OutboxListener.CHANNEL);
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

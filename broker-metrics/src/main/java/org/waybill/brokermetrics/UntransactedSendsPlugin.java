package org.waybill.brokermetrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.metrics.MetricsManager;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Counts the durable messages each user sends outside a transaction ({@value #METER}, tagged with the broker and the
 * user), beside the broker's other meters. The broker answers such a send before its disk has it (broker.xml,
 * {@code journal-sync-non-transactional}), so Waybill's own user must send none: every send of the application is in
 * a local or XA transaction, whose commit returns once the message is on disk. A count for that user means a send
 * that a crash could lose after the application took it as done. broker.xml names it in {@code <broker-plugins>}.
 */
public final class UntransactedSendsPlugin implements ActiveMQServerPlugin {
    static final String METER = "artemis.untransacted.durable.sends";

    private volatile ActiveMQServer server;

    @Override
    public void registered(ActiveMQServer server) {
        this.server = server;
    }

    /**
     * The broker passes no transaction for a send outside one (a session that commits each send by itself). A
     * management request is answered, never stored.
     */
    @Override
    public void afterSend(ServerSession session, Transaction tx, Message message, boolean direct,
                          boolean noAutoCreateQueue, RoutingStatus result) {
        if (tx != null || !message.isDurable() || session == null || server == null
                || server.getConfiguration().getManagementAddress().equals(message.getAddressSimpleString())) {
            return;
        }
        MetricsManager metrics = server.getMetricsManager();
        MeterRegistry registry = metrics == null ? null : metrics.getMeterRegistry();
        if (registry != null) {
            Counter.builder(METER)
                    .description("Durable messages sent outside a transaction, answered before they were on disk")
                    .tag("broker", server.getConfiguration().getName())
                    .tag("user", String.valueOf(session.getUsername()))
                    .register(registry)
                    .increment();
        }
    }
}

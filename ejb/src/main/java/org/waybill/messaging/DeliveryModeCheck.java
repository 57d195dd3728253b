package org.waybill.messaging;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Says once per consumer how its deliveries run, and loudly when that is not what the messaging mode needs: the
 * transaction attribute of the message-driven beans comes from META-INF/jboss-ejb3.xml, resolved from the
 * environment when the application is deployed, so a server that resolves it otherwise must not go unnoticed.
 * Either way the step stays correct (it runs in a transaction of its own when there is no delivery transaction to
 * join), but the {@code xa} mode without a delivery transaction is only at least once.
 */
final class DeliveryModeCheck {
    private static final Logger LOG = Logger.getLogger(DeliveryModeCheck.class.getName());
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private DeliveryModeCheck() {
    }

    static void observe(String consumer, boolean transacted, MessagingMode mode) {
        if (!REPORTED.add(consumer)) {
            return;
        }
        String how = transacted ? "in an XA transaction with the broker's session"
                : "without a transaction, acknowledged after the step";
        if (transacted == mode.isXa()) {
            LOG.info(() -> consumer + " receives its deliveries " + how + " (messaging mode " + mode.name() + ")");
        } else {
            LOG.severe(() -> consumer + " receives its deliveries " + how + ", which the messaging mode "
                    + mode.name() + " does not expect: the transaction attribute of onMessage in META-INF/jboss-ejb3.xml"
                    + " did not resolve as it should (" + (mode.isXa() ? "Required" : "NotSupported") + ")");
        }
    }
}

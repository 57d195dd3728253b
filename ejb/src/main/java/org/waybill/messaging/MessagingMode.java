package org.waybill.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.logging.Logger;

/**
 * How the relay and the consumers share transactions with the broker, from {@code waybill.messaging.mode}
 * (environment: WAYBILL_MESSAGING_MODE).
 * <ul>
 *   <li>{@code at-least-once} (default): no distributed transaction. The relay marks a row after the broker has
 *       the message; a consumer commits its database work, then acknowledges. A crash in between repeats a send or a
 *       delivery, which the broker's duplicate detection and the consumer's inbox turn into no second effect.</li>
 *   <li>{@code xa}: database and broker in one XA transaction, for the relay's batch and for each consumer's step.
 *       Nothing is repeated, at the price of a two-phase commit per step; PostgreSQL needs
 *       max_prepared_transactions &gt; 0.</li>
 *   <li>{@code direct-xa}: no outbox relay; the transaction that writes an event also sends it, through XA. Kept to
 *       measure what the outbox costs (the benchmark), not for production: placing an order then needs the broker
 *       up, and every business transaction is a two-phase commit. Consumers work as in {@code at-least-once}.</li>
 * </ul>
 */
@ApplicationScoped
public class MessagingMode {
    public static final String AT_LEAST_ONCE = "at-least-once";
    public static final String XA = "xa";
    public static final String DIRECT_XA = "direct-xa";
    /** What WildFly's own configuration reads the mode from. */
    static final String ENVIRONMENT = "WAYBILL_MESSAGING_MODE";
    private static final Logger LOG = Logger.getLogger(MessagingMode.class.getName());

    @Inject
    @ConfigProperty(name = "waybill.messaging.mode", defaultValue = AT_LEAST_ONCE)
    String mode;

    @PostConstruct
    void check() {
        if (!mode.equals(AT_LEAST_ONCE) && !mode.equals(XA) && !mode.equals(DIRECT_XA)) {
            throw new IllegalStateException("waybill.messaging.mode must be " + AT_LEAST_ONCE + ", " + XA + " or "
                    + DIRECT_XA + ", not " + mode);
        }
        requireSameAsServer(mode, System.getenv(ENVIRONMENT));
        LOG.info(() -> "Messaging mode: " + mode);
    }

    /**
     * WildFly chose the message-driven beans' transactions (jboss-ejb3.xml) and the datasource pool bound as WaybillDS
     * (configure-datasource.cli) by the environment variable when it started. A system property may override the
     * application's setting, but not those: a mode they do not serve would, say, run the xa mode's relay on a local
     * transaction, so the deployment fails instead.
     *
     * @param environment the variable's value, null if unset (WildFly's default then: at-least-once)
     */
    static void requireSameAsServer(String mode, String environment) {
        String server = environment == null ? AT_LEAST_ONCE : environment;
        if (!mode.equals(server)) {
            throw new IllegalStateException("waybill.messaging.mode is " + mode + ", but WildFly chose the message-driven"
                    + " beans' transactions and the datasource pool for " + server + " (" + ENVIRONMENT + "): set the "
                    + "mode as the environment variable " + ENVIRONMENT + " of WildFly, not as a system property");
        }
    }

    public boolean isXa() {
        return XA.equals(mode);
    }

    /** Whether events are sent by the transaction that writes them, instead of by the relay. */
    public boolean sendsDirectly() {
        return DIRECT_XA.equals(mode);
    }

    public String name() {
        return mode;
    }
}

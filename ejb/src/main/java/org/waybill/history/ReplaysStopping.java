package org.waybill.history;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the application is stopping, for the replays being sent: each ends at its next page ({@link ReplaySender}).
 * A CDI bean, which WildFly ends after every component; {@link ReplayResumption} sets it when it stops, which WildFly
 * does before it stops the senders.
 */
@ApplicationScoped
public class ReplaysStopping {
    private volatile boolean stopping;

    void begin() {
        stopping = true;
    }

    boolean now() {
        return stopping;
    }
}

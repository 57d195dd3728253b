package org.waybill.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Wakes this node's relay and its notifier of the other nodes right after a transaction that wrote events commits.
 * Both are singletons, and a transaction can commit after WildFly stopped them: a message delivery or a request that
 * ends while the application is undeployed. An observer method of theirs would then be called on a stopped component
 * ({@code WFLYEE0043}, which Weld logs with a stack trace). So they hand their wake-up to this CDI bean, which WildFly
 * ends after every component, when they start, and take it back before they stop: a late commit wakes only what still
 * runs, and its events wait in the outbox for the relay's next start.
 */
@ApplicationScoped
public class OutboxWakeUps {
    private final Set<Runnable> wakeUps = new CopyOnWriteArraySet<>();

    /** From now on the wake-up runs after every commit that wrote events, on the committing thread: it must be quick. */
    public void add(Runnable wakeUp) {
        wakeUps.add(wakeUp);
    }

    /** No commit starts the wake-up any more (one that began before may still be running it). */
    public void remove(Runnable wakeUp) {
        wakeUps.remove(wakeUp);
    }

    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        wakeUps.forEach(Runnable::run);
    }
}

package org.waybill.outbox;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The relay and the notifier are woken by a commit while they run, and not once they stopped: a commit that comes
 * later (a delivery ending during undeployment) must not reach them.
 */
class OutboxWakeUpsTest {
    private final OutboxWakeUps wakeUps = new OutboxWakeUps();
    /** Rounds of the relay's drain or of the notifier, run on the committing thread here. */
    private final AtomicInteger rounds = new AtomicInteger();

    @Test
    void aRunningRelayIsWokenByACommitAndAStoppedOneIsNot() {
        OutboxRelay relay = new OutboxRelay();
        relay.executor = executorCounting();
        relay.enabled = true;
        relay.batchSize = 100;
        relay.batch = new OutboxBatch() {
            @Override
            public List<OutboxEvent> publish(int max, boolean oneByOne) {
                return List.of();
            }
        };
        relay.wakeUps = wakeUps;
        assertWokenOnlyWhileRunning(relay::started, relay::stopWorkers);
    }

    @Test
    void aRunningNotifierIsWokenByACommitAndAStoppedOneIsNot() {
        OutboxNotifier notifier = new OutboxNotifier();
        notifier.executor = executorCounting();
        notifier.dataSource = answering(DataSource.class);
        notifier.wakeUps = wakeUps;
        assertWokenOnlyWhileRunning(notifier::started, notifier::stopped);
    }

    private void assertWokenOnlyWhileRunning(Runnable start, Runnable stop) {
        start.run();
        wakeUps.onAppended(new OutboxAppended());
        assertEquals(1, rounds.get(), "rounds started by a commit while it runs");
        stop.run();
        wakeUps.onAppended(new OutboxAppended());
        assertEquals(1, rounds.get(), "rounds started by that commit and by one after it stopped");
    }

    private ManagedExecutorService executorCounting() {
        return proxy(ManagedExecutorService.class, (proxy, method, args) -> {
            if (!method.getName().equals("execute")) {
                throw new UnsupportedOperationException(method.getName());
            }
            rounds.incrementAndGet();
            ((Runnable) args[0]).run();
            return null;
        });
    }

    /** A data source whose connections take any statement and answer nothing. */
    private static <T> T answering(Class<T> type) {
        return proxy(type, (proxy, method, args) -> {
            Class<?> result = method.getReturnType();
            if (result == Connection.class || result == PreparedStatement.class || result == ResultSet.class) {
                return answering(result);
            }
            return result == boolean.class ? Boolean.FALSE : null;
        });
    }

    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(OutboxWakeUpsTest.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}

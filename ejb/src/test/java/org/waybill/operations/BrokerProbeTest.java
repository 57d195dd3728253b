package org.waybill.operations;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broker that takes a connection and then hangs answers the readiness check in bounded time, once per hang. */
class BrokerProbeTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void stop() {
        answer.countDown();
        threads.shutdownNow();
    }

    /** A probe on the given factory that tries in the caller's thread (enough where the factory answers at once). */
    static BrokerProbe probe(ConnectionFactory broker) {
        BrokerProbe probe = new BrokerProbe();
        probe.broker = broker;
        probe.executor = Runnable::run;
        return probe;
    }

    @Test
    void aHangingBrokerIsDownWithinTheWaitAndTriedOnceWhileItHangs() throws Exception {
        BrokerProbe probe = new BrokerProbe();
        probe.broker = hangingUntilAnswered();
        probe.executor = threads;
        Duration bound = BrokerProbe.WAIT.plusSeconds(2);

        Optional<String> first = assertTimeoutPreemptively(bound, probe::error);
        assertTrue(first.orElseThrow().contains("did not answer within 3 s"), first.toString());
        Optional<String> second = assertTimeoutPreemptively(bound, probe::error);
        assertTrue(second.isPresent(), "still hanging");
        assertEquals(1, attempts.get(), "the second check waited for the hung attempt instead of starting another");

        answer.countDown();
        assertTrue(upWithin(probe), "up once the broker answers");
    }

    private static boolean upWithin(BrokerProbe probe) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (probe.error().isEmpty()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private ConnectionFactory hangingUntilAnswered() {
        JMSContext context = (JMSContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{JMSContext.class}, (proxy, m, args) -> null);
        return (ConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ConnectionFactory.class}, (proxy, m, args) -> {
                    if (m.getName().equals("createContext")) {
                        attempts.incrementAndGet();
                        answer.await();
                        return context;
                    }
                    return null;
                });
    }
}

package org.waybill.operations;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import org.waybill.platform.Failures;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a connection to the broker can be had and started, answered within {@link #WAIT}. A broker that is shutting
 * down slowly, or hangs, can take a connection and then not answer: each of the client's calls waits out its call
 * timeout, so asking in the caller's thread held a readiness request for more than 10 s (CI, 2026-12-03, while the
 * broker took half a minute to stop). The attempt runs in a thread of its own; the caller waits at most {@link #WAIT},
 * and a caller that comes while an attempt still hangs waits for that one rather than starting another, so hung
 * attempts do not pile up.
 */
@ApplicationScoped
public class BrokerProbe {
    static final Duration WAIT = Duration.ofSeconds(3);

    @Resource(lookup = "java:/jms/waybill/RelayConnectionFactory")
    ConnectionFactory broker;

    /** WildFly's default managed executor, by its global name: this is a CDI bean, not a component of its own. */
    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    Executor executor;

    private CompletableFuture<Optional<String>> attempt;

    /** @return why the broker cannot be used now, or empty when it answered */
    public Optional<String> error() {
        try {
            return current().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.of("the broker did not answer within " + WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return Optional.of(Failures.message(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while waiting for the broker");
        }
    }

    /** The attempt under way, or a new one once the last has ended. */
    private synchronized CompletableFuture<Optional<String>> current() {
        if (attempt == null || attempt.isDone()) {
            attempt = CompletableFuture.supplyAsync(this::connect, executor);
        }
        return attempt;
    }

    private Optional<String> connect() {
        try (JMSContext context = broker.createContext()) {
            context.start();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(Failures.message(e));
        }
    }
}

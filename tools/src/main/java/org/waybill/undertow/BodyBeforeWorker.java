package org.waybill.undertow;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.Headers;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a request's whole body on the I/O thread, without blocking, before the request goes on to the application,
 * which takes a worker thread for it. Without this the application read the body on its worker thread as it came:
 * a hundred clients sending their bodies a byte at a time held all 32 worker threads and the API answered no one
 * (measured on a started stack, 2026-12-07). Now a slow body holds a connection and what has arrived of it, no
 * thread. A body not complete within {@link #DEADLINE} is answered 408, one over the limit 413, and one whose bytes
 * take the bodies being read past {@link #BUDGET} between them 503: what the worker threads' number bounded before,
 * memory, is bounded here, and keeping it full takes megabytes every 20 seconds instead of a byte every few. After
 * such an answer the connection (under HTTP/2 the stream) is closed, so no one waits for the rest.
 */
final class BodyBeforeWorker implements HttpHandler {
    static final Duration DEADLINE = Duration.ofSeconds(20);
    /** The bytes of all bodies being read at once: about a tenth of WildFly's heap in the start command (512 MiB). */
    static final long BUDGET = 48L << 20;
    private static final AtomicLong HELD = new AtomicLong();
    private static final Logger LOG = Logger.getLogger(BodyBeforeWorker.class.getName());

    /** Answers a refused request (status, detail) in the form its path calls for, then does what {@code then} says. */
    interface Refusal {
        void refuse(HttpServerExchange exchange, int status, String detail, IoCallback then);
    }

    private final HttpHandler next;
    private final long maxBytes;
    private final Refusal refusal;

    BodyBeforeWorker(HttpHandler next, long maxBytes, Refusal refusal) {
        this.next = next;
        this.maxBytes = maxBytes;
        this.refusal = refusal;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isRequestComplete()) {
            next.handleRequest(exchange);
            return;
        }
        // On the I/O thread, where the channel's reads and the deadline run too (a pipelined request starts on a
        // worker thread): one thread, no locks.
        exchange.dispatch(exchange.getIoThread(), new Reading(exchange)::begin);
    }

    /** One body being read: its buffers so far, its deadline, and whether it is over (passed on or refused). */
    private final class Reading implements ChannelListener<StreamSourceChannel> {
        private final HttpServerExchange exchange;
        private final List<PooledByteBuffer> buffers = new ArrayList<>();
        private StreamSourceChannel channel;
        private XnioExecutor.Key deadline;
        private long bytes;
        private boolean continuing;
        private boolean over;

        Reading(HttpServerExchange exchange) {
            this.exchange = exchange;
        }

        void begin() {
            deadline = exchange.getIoThread().executeAfter(this::late, DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (!HttpContinue.requiresContinueResponse(exchange)) {
                readOn();
                return;
            }
            // The client waits for "100 Continue" before it sends the body; the application would have sent it at
            // its first read. Its callback may come on a worker thread: back to the I/O thread.
            continuing = true;
            HttpContinue.sendContinueResponse(exchange, new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange exchange, Sender sender) {
                    exchange.getIoThread().execute(Reading.this::readOn);
                }

                @Override
                public void onException(HttpServerExchange exchange, Sender sender, IOException failure) {
                    exchange.getIoThread().execute(() -> failed(failure));
                }
            });
        }

        private void readOn() {
            continuing = false;
            if (over) {
                return;
            }
            channel = exchange.getRequestChannel();
            channel.getReadSetter().set(this);
            handleEvent(channel);
            if (!over) {
                channel.resumeReads();
            }
        }

        @Override
        public void handleEvent(StreamSourceChannel source) {
            try {
                while (!over) {
                    if (buffers.isEmpty() || !last().hasRemaining()) {
                        buffers.add(exchange.getConnection().getByteBufferPool().allocate());
                    }
                    int read = source.read(last());
                    if (read == -1) {
                        complete();
                    } else if (read == 0) {
                        return;
                    } else {
                        bytes += read;
                        boolean overBudget = HELD.addAndGet(read) > BUDGET;
                        if (bytes > maxBytes) {
                            refuse(413, "The request body is larger than the server's limit of " + maxBytes + " bytes");
                        } else if (overBudget) {
                            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "5");
                            refuse(503, "The server is reading too many request bodies at once; try again in a few "
                                    + "seconds");
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }

        private ByteBuffer last() {
            return buffers.get(buffers.size() - 1).getBuffer();
        }

        /**
         * The whole body is here: the application reads it from these buffers, on the worker thread it takes. They
         * count against the budget until the exchange ends, which frees them.
         */
        private void complete() {
            stop();
            if (last().position() == 0) {
                buffers.remove(buffers.size() - 1).close();
            }
            buffers.forEach(buffer -> buffer.getBuffer().flip());
            Connectors.ungetRequestBytes(exchange, buffers.toArray(PooledByteBuffer[]::new));
            Connectors.resetRequestChannel(exchange);
            long held = bytes;
            exchange.addExchangeCompleteListener((ended, nextListener) -> {
                HELD.addAndGet(-held);
                nextListener.proceed();
            });
            Connectors.executeRootHandler(next, exchange);
        }

        private void late() {
            if (over) {
                return;
            }
            if (continuing) {
                // An answer now could cross the 100 still on its way: just close.
                failed(new IOException("body not sent within " + DEADLINE + " and 100 Continue not yet sent"));
                return;
            }
            refuse(408, "The request body did not arrive within " + DEADLINE.toSeconds() + " seconds of its headers");
        }

        private void refuse(int status, String detail) {
            stop();
            release();
            LOG.log(Level.FINE, "Refused {0} {1}: {2}", new Object[] {exchange.getRequestMethod(), status, detail});
            refusal.refuse(exchange, status, detail, new FlushAndClose());
        }

        /** The client went away or broke the body's framing: nothing to answer. */
        private void failed(Exception failure) {
            if (over) {
                return;
            }
            LOG.log(Level.FINE, "Request body not read", failure);
            stop();
            release();
            close(exchange);
        }

        private void stop() {
            over = true;
            deadline.remove();
            if (channel != null) {
                channel.getReadSetter().set(null);
                channel.suspendReads();
            }
        }

        /** Frees the buffers read so far and their share of the budget: the body will not be read. */
        private void release() {
            buffers.forEach(IoUtils::safeClose);
            buffers.clear();
            HELD.addAndGet(-bytes);
        }
    }

    /**
     * After the answer to a request whose body has not all come: the answer is flushed, then the connection closed
     * (under HTTP/2 the stream reset). Ending the exchange alone would first read what is left of the body, and under
     * HTTP/2 hold the answer until then.
     */
    private static final class FlushAndClose implements IoCallback {
        private boolean flushed;

        @Override
        public void onComplete(HttpServerExchange exchange, Sender sender) {
            if (flushed) {
                close(exchange);
                return;
            }
            flushed = true;
            sender.close(this);
        }

        @Override
        public void onException(HttpServerExchange exchange, Sender sender, IOException failure) {
            close(exchange);
        }
    }

    private static void close(HttpServerExchange exchange) {
        IoUtils.safeClose(exchange.getConnection());
        exchange.endExchange();
    }
}

package org.waybill.undertow;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.SameThreadExecutor;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a request's whole body on the I/O thread, without blocking, before the request goes on to the application,
 * which takes a worker thread for it. Without this the application read the body on its worker thread as it came:
 * a hundred clients sending their bodies a byte at a time held all 32 worker threads and the API answered no one
 * (measured on a started stack, 2026-12-07). Now a slow body holds a connection and the buffers read so far, no
 * thread; a body not complete within {@link #DEADLINE} is answered 408 and its connection closed, one over the limit
 * 413, each as soon as it is known.
 */
final class BodyBeforeWorker implements HttpHandler {
    static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Logger LOG = Logger.getLogger(BodyBeforeWorker.class.getName());

    /** Answers a refused request (status, detail) in the form its path calls for. */
    interface Refusal {
        void refuse(HttpServerExchange exchange, int status, String detail);
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
        exchange.dispatch(SameThreadExecutor.INSTANCE, new Reading(exchange)::begin);
    }

    /** One body being read: its buffers so far, its deadline, and whether it is over (passed on or refused). */
    private final class Reading implements ChannelListener<StreamSourceChannel> {
        private final HttpServerExchange exchange;
        private final List<PooledByteBuffer> buffers = new ArrayList<>();
        private StreamSourceChannel channel;
        private XnioExecutor.Key deadline;
        private long bytes;
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
            // its first read.
            HttpContinue.sendContinueResponse(exchange, new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange exchange, Sender sender) {
                    readOn();
                }

                @Override
                public void onException(HttpServerExchange exchange, Sender sender, IOException failure) {
                    failed(failure);
                }
            });
        }

        private void readOn() {
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
                    } else if ((bytes += read) > maxBytes) {
                        refuse(413, "The request body is larger than the server's limit of " + maxBytes + " bytes");
                    }
                }
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }

        private ByteBuffer last() {
            return buffers.get(buffers.size() - 1).getBuffer();
        }

        /** The whole body is here: the application reads it from these buffers, on the worker thread it takes. */
        private void complete() {
            stop();
            if (last().position() == 0) {
                buffers.remove(buffers.size() - 1).close();
            }
            buffers.forEach(buffer -> buffer.getBuffer().flip());
            Connectors.ungetRequestBytes(exchange, buffers.toArray(PooledByteBuffer[]::new));
            Connectors.resetRequestChannel(exchange);
            Connectors.executeRootHandler(next, exchange);
        }

        private void late() {
            if (!over) {
                refuse(408, "The request body did not arrive within " + DEADLINE.toSeconds() + " seconds of its headers");
            }
        }

        private void refuse(int status, String detail) {
            stop();
            release();
            LOG.log(Level.FINE, "Refused {0} {1}: {2}", new Object[] {exchange.getRequestMethod(), status, detail});
            refusal.refuse(exchange, status, detail);
        }

        /** The client went away or broke the body's framing: nothing to answer. */
        private void failed(Exception failure) {
            LOG.log(Level.FINE, "Request body not read", failure);
            stop();
            release();
            IoUtils.safeClose(exchange.getConnection());
        }

        private void stop() {
            over = true;
            deadline.remove();
            if (channel != null) {
                channel.getReadSetter().set(null);
                channel.suspendReads();
            }
        }

        private void release() {
            buffers.forEach(IoUtils::safeClose);
            buffers.clear();
        }
    }
}

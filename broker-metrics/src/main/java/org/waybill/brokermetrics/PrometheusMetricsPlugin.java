package org.waybill.brokermetrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.activemq.artemis.core.server.ActivateCallback;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.metrics.ActiveMQMetricsPlugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The broker's meters (queues, addresses, the broker, the JVM: what broker.xml's {@code <metrics>} enables) in a
 * Prometheus registry, served by a {@link MetricsEndpoint} while the broker runs. broker.xml names it:
 * <pre>{@code
 * <metrics>
 *     <plugin class-name="org.waybill.brokermetrics.PrometheusMetricsPlugin">
 *         <property key="host" value="127.0.0.1"/>
 *         <property key="port" value="9404"/>
 *     </plugin>
 * </metrics>
 * }</pre>
 * The endpoint binds {@value #DEFAULT_HOST} unless {@code host} says otherwise: it has no authentication, so it is
 * for the host's own Prometheus (or an agent there).
 */
public final class PrometheusMetricsPlugin implements ActiveMQMetricsPlugin, ActivateCallback {
    private static final long serialVersionUID = 1L;
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 9404;

    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private transient PrometheusMeterRegistry registry;
    private transient MetricsEndpoint endpoint;

    @Override
    public ActiveMQMetricsPlugin init(Map<String, String> options) {
        host = options.getOrDefault("host", DEFAULT_HOST).trim();
        port = port(options.getOrDefault("port", Integer.toString(DEFAULT_PORT)));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return this;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics plugin property port must be a port number, not '" + value + "'");
        }
    }

    @Override
    public MeterRegistry getRegistry() {
        return registry;
    }

    /**
     * The broker starts (again, after a failback): serve the meters. A port already taken fails the broker's start,
     * loudly, rather than leaving it running unwatched.
     */
    @Override
    public synchronized void registered(ActiveMQServer server) {
        server.registerActivateCallback(this);
        start();
    }

    synchronized void start() {
        if (endpoint == null) {
            try {
                endpoint = MetricsEndpoint.start(host, port, registry::scrape);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve the broker's metrics on " + host + ":" + port, e);
            }
        }
    }

    /** Where the endpoint listens, null while it does not. With port 0 the system picked a free one. */
    synchronized InetSocketAddress address() {
        return endpoint == null ? null : endpoint.address();
    }

    @Override
    public void stop(ActiveMQServer server) {
        close();
    }

    @Override
    public void shutdown(ActiveMQServer server) {
        close();
    }

    synchronized void close() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }
}

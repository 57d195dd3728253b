package org.waybill.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Where Waybill's meters go: WildFly's Micrometer registry (server-config/wildfly/configure-observability.cli), which
 * the management interface serves to Prometheus at {@code /metrics}. Each area registers its own meters, named
 * {@value #PREFIX}..., through {@link #bind} when its meter bean is created; they are all removed when the application
 * stops, so a redeployment starts with fresh ones rather than gauges that still point at the old beans.
 */
@ApplicationScoped
public class Meters {
    public static final String PREFIX = "waybill.";
    /** The buckets of every latency histogram, from a fast step to a minute of outbox lag. */
    public static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60)};
    private static final Logger LOG = Logger.getLogger(Meters.class.getName());
    private static final String PROBE = PREFIX + "registry.probe";

    /** The deployment's registry, as WildFly gives it to the application. */
    @Inject
    MeterRegistry deploymentRegistry;

    private MeterRegistry registry;

    @PostConstruct
    void resolve() {
        registry = exporting(deploymentRegistry);
    }

    /** Registers the binder's meters (at zero), so that every series exists from the start. */
    public void bind(MeterBinder binder) {
        binder.bindTo(registry);
    }

    @PreDestroy
    void removeAll() {
        registry.getMeters().stream().filter(m -> m.getId().getName().startsWith(PREFIX)).forEach(registry::remove);
    }

    /**
     * The registry that exports what is registered in it. WildFly 39's per-deployment registry passes on only meters
     * made by its shortcut methods ({@code counter(name, tags)}, ...): one made by a builder, as every histogram must
     * be, stays in the deployment's registry and never reaches Prometheus (WFLY-21339, fixed in WildFly 40). So when a
     * builder's probe is not found again, the meters go to the server's registry behind it, and {@link #removeAll}
     * does what WildFly would do at undeployment.
     */
    static MeterRegistry exporting(MeterRegistry deployment) {
        Counter probe = Counter.builder(PROBE).register(deployment);
        if (deployment.find(PROBE).counter() != null) {
            deployment.remove(probe);
            return deployment;
        }
        try {
            Field parent = deployment.getClass().getDeclaredField("parentRegistry");
            parent.setAccessible(true);
            return (MeterRegistry) parent.get(deployment);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning(() -> "Waybill's histograms cannot be exported by this server's Micrometer registry "
                    + deployment.getClass().getName() + ": " + e);
            return deployment;
        }
    }
}

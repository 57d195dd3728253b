package org.waybill.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@link Health} as MicroProfile Health readiness: WildFly's {@code /health/ready} on the management interface. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    @Inject
    Health health;

    @Override
    public HealthCheckResponse call() {
        Health.Report report = health.check();
        var response = HealthCheckResponse.named("waybill")
                .status(report.up())
                .withData("database", report.database())
                .withData("broker", report.broker())
                .withData("relay", report.relay())
                .withData("outboxLagWithinLimit", report.outboxLagWithinLimit())
                .withData("messagingMode", report.messagingMode());
        if (report.outboxLagSeconds() != null) {
            response.withData("outboxLagSeconds", String.valueOf(report.outboxLagSeconds()));
        }
        return response.build();
    }
}

package org.waybill.web.operations;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.waybill.operations.Health;

/**
 * {@code GET /api/health}: 200 when Waybill can do its work ({@link Health}: database, broker, relay, outbox lag), 503
 * otherwise, with what is wrong. WildFly's {@code /health/ready} says the same, but on the management interface, which
 * listens on loopback only; this is for load balancers in front of the application's port.
 */
@Path("/health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "health")
public class HealthResource {
    @Inject
    Health health;

    @GET
    @Operation(summary = "Whether Waybill can work now", description = "For load balancers; no login needed")
    @APIResponse(responseCode = "200",
            description = "Database and broker answer, the relay publishes, the outbox lag is within its limit",
            content = @Content(schema = @Schema(implementation = Health.Report.class)))
    @APIResponse(responseCode = "503", description = "Something of that is not so; the body says what")
    public Response check() {
        Health.Report report = health.check();
        return Response.status(report.up() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(report).build();
    }
}

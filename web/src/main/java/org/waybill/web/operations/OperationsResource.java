package org.waybill.web.operations;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.waybill.operations.OperationsMonitor;
import org.waybill.operations.OperationsReport;
import org.waybill.web.Caller;

/** {@code GET /api/operations}: the numbers of the operations dashboard, for tools as well as for the screen. */
@Path("/operations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
@Tag(name = "operations")
public class OperationsResource {
    @Inject
    OperationsMonitor monitor;

    @GET
    @Operation(summary = "Queues, outbox and steps now",
            description = "Per queue its depth, consumers, messages added and acknowledged and its dead letters (from "
                    + "the broker); the outbox backlog and lag, each step's processing time and failure rate over the "
                    + "last 5 minutes, and the samples behind the dashboard's charts (from the database).")
    public OperationsReport report() {
        return monitor.report();
    }
}

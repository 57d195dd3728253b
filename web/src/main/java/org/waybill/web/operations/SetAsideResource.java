package org.waybill.web.operations;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.waybill.operations.SetAsideEvent;
import org.waybill.operations.SetAsideEvents;
import org.waybill.web.Caller;

import java.util.List;

/**
 * The outbox rows the relay set aside because the broker kept refusing them: {@code GET /api/outbox/set-aside}, and
 * {@code POST /api/outbox/set-aside/{outboxId}/retry} once the cause is fixed.
 */
@Path("/outbox/set-aside")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
@Tag(name = "outbox")
public class SetAsideResource {
    @Inject
    SetAsideEvents setAside;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The events set aside, oldest first, with the broker's last refusal and how many later "
            + "events of their order wait behind them")
    public List<SetAsideEvent> list() {
        return setAside.list();
    }

    @POST
    @Path("/{outboxId}/retry")
    @Operation(summary = "Gives a set-aside event back to the relay, with its order's later events")
    @APIResponse(responseCode = "202", description = "The relay takes it at its next poll")
    @APIResponse(responseCode = "404", description = "No such row is set aside")
    public Response retry(@PathParam("outboxId") long outboxId) {
        setAside.retry(outboxId, caller.name());
        return Response.accepted().build();
    }
}

package org.waybill.web.operations;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.waybill.history.InvalidReplayException;
import org.waybill.history.ReplayService;
import org.waybill.web.Caller;

import java.time.Instant;
import java.util.UUID;

/**
 * Replays history to the replay topic: {@code {"orderId": "..."}} for one order, or {@code {"from": "...",
 * "to": "..."}} (ISO-8601 instants) for every event that occurred in that range.
 */
@Path("/replays")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
@Tag(name = "history")
public class ReplayResource {
    @Inject
    ReplayService replays;

    public record ReplayRequest(UUID orderId, Instant from, Instant to) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay history to the replay topic", description = "Either orderId, or from and to "
            + "(ISO-8601 instants): those events go to waybill.replay for analytics subscribers; Waybill itself does "
            + "not listen there")
    @APIResponse(responseCode = "202", description = "The replay id and how many events it sent",
            content = @Content(schema = @Schema(implementation = org.waybill.history.Replay.class)))
    @APIResponse(responseCode = "400", description = "Neither or both, a bad range, or too many events")
    public Response replay(ReplayRequest request) {
        if (request == null || (request.orderId() == null) == (request.from() == null && request.to() == null)) {
            throw new InvalidReplayException("give either orderId, or from and to");
        }
        return Response.accepted(request.orderId() != null
                ? replays.replayOrder(request.orderId())
                : replays.replayRange(request.from(), request.to())).build();
    }
}

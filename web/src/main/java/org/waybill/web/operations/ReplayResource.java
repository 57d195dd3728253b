package org.waybill.web.operations;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.waybill.history.Replay;
import org.waybill.history.ReplayRequest;
import org.waybill.history.ReplayService;
import org.waybill.platform.IdempotencyKeys;
import org.waybill.web.Caller;
import org.waybill.web.Problem;

import java.util.UUID;

/**
 * Replays history to the replay topic: {@code {"orderId": "..."}} for one order, or {@code {"from": "...",
 * "to": "..."}} (ISO-8601 instants) for every event that occurred in that range. A replay is sent in the background;
 * its Location shows how far it got.
 */
@Path("/replays")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
@Tag(name = "history")
public class ReplayResource {
    @Inject
    ReplayService replays;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay history to the replay topic", description = "Either orderId, or from and to "
            + "(ISO-8601 instants): those events go to waybill.replay for analytics subscribers; Waybill itself does "
            + "not listen there. The replay is recorded, then sent in the background, page by page; GET its Location "
            + "to follow it. With an Idempotency-Key, the same request again answers with that replay "
            + "(Idempotent-Replayed: true) and sends nothing twice: a running replay keeps its one sender, a finished "
            + "one is left as it is, and one that stopped half-way (FAILED, or RUNNING without progress for 60 s by "
            + "default) is resumed from its last page. Without a key every request is a new replay.")
    @APIResponse(responseCode = "202", description = "The replay as it is now (status RUNNING, DONE or FAILED; sent "
            + "of events), with its Location", content = @Content(schema = @Schema(implementation = Replay.class)))
    @APIResponse(responseCode = "400", description = "Neither or both, a bad range, too many events, or an invalid "
            + "Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Idempotency-Key used by this caller for a different replay, "
            + "or a request with it is being recorded right now")
    public Response replay(ReplayRequest request,
                           @Parameter(description = "Any unique string per replay, e.g. a UUID; a retry sends the "
                                   + "same, and resumes the replay if it stopped")
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        ReplayService.Requested requested = replays.request(request, caller.name(), idempotencyKey);
        Replay replay = requested.replay();
        Response.ResponseBuilder response = Response.accepted(replay)
                .location(uri.getAbsolutePathBuilder().path(replay.replayId().toString()).build());
        if (requested.repeated()) {
            response.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Follow a replay", description = "Its status and how many of its events were sent")
    @APIResponse(responseCode = "200", description = "The replay",
            content = @Content(schema = @Schema(implementation = Replay.class)))
    @APIResponse(responseCode = "404", description = "No such replay")
    public Replay get(@PathParam("id") UUID id) {
        return replays.find(id);
    }
}

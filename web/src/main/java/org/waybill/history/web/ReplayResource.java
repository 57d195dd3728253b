package org.waybill.history.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.waybill.history.InvalidReplayException;
import org.waybill.history.ReplayService;

import java.time.Instant;
import java.util.UUID;

/**
 * Replays history to the replay topic: {@code {"orderId": "..."}} for one order, or {@code {"from": "...",
 * "to": "..."}} (ISO-8601 instants) for every event that occurred in that range.
 */
@Path("/replays")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {
    @Inject
    ReplayService replays;

    public record ReplayRequest(UUID orderId, Instant from, Instant to) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replay(ReplayRequest request) {
        if (request == null || (request.orderId() == null) == (request.from() == null && request.to() == null)) {
            throw new InvalidReplayException("give either orderId, or from and to");
        }
        return Response.accepted(request.orderId() != null
                ? replays.replayOrder(request.orderId())
                : replays.replayRange(request.from(), request.to())).build();
    }
}

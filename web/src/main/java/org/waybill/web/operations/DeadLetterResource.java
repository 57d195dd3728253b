package org.waybill.web.operations;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.waybill.deadletters.DeadLetter;
import org.waybill.deadletters.DeadLetterOperations;
import org.waybill.deadletters.DeadLetterRedrive;
import org.waybill.operations.BrokerQueues;
import org.waybill.web.Caller;

import java.util.List;
import java.util.Map;

/**
 * Dead-letter operations for operators: {@code GET /api/dead-letters} (count per queue),
 * {@code GET /api/dead-letters/{queue}} (the parked messages with reason and payload), and retry or discard.
 * Every retry and discard is audited with who did it.
 */
@Path("/dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
@Tag(name = "dead letters")
public class DeadLetterResource {
    @Inject
    DeadLetterOperations deadLetters;

    @Inject
    DeadLetterRedrive redrive;

    @Inject
    BrokerQueues brokerQueues;

    @Inject
    Caller caller;

    public record Discard(String reason) {
    }

    @GET
    @Operation(summary = "How many messages each queue's dead-letter queue holds", description = "From the broker")
    public Map<String, Long> counts() {
        return brokerQueues.deadLetterCounts();
    }

    @GET
    @Path("/{queue}")
    @Operation(summary = "The messages parked for a queue, with reason and payload")
    @APIResponse(responseCode = "404", description = "No such queue")
    public List<DeadLetter> list(@PathParam("queue") String queue) {
        return deadLetters.list(queue);
    }

    /** Runs the automatic re-drive now: messages a transient cause dead-lettered go back, within the limit. */
    @POST
    @Path("/redrive")
    @Operation(summary = "Run the automatic re-drive now", description = "Messages the broker dead-lettered go back "
            + "to their queue, each at most a configured number of times; audited")
    public Map<String, Integer> redrive() {
        return Map.of("retried", redrive.redrive(actor() + " (re-drive)"));
    }

    @POST
    @Path("/{queue}/retry")
    @Operation(summary = "Send every message of the queue's DLQ back to the queue; audited")
    @APIResponse(responseCode = "404", description = "No such queue")
    public Map<String, Integer> retryAll(@PathParam("queue") String queue) {
        return Map.of("retried", deadLetters.retryAll(queue, actor()));
    }

    @POST
    @Path("/{queue}/{messageId}/retry")
    @Operation(summary = "Send one message back to its queue; audited")
    @APIResponse(responseCode = "404", description = "No such queue or message")
    public DeadLetter retry(@PathParam("queue") String queue, @PathParam("messageId") String messageId) {
        return deadLetters.retry(queue, messageId, actor());
    }

    @POST
    @Path("/{queue}/{messageId}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove one message for good, with a reason; audited")
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "404", description = "No such queue or message")
    public DeadLetter discard(@PathParam("queue") String queue, @PathParam("messageId") String messageId,
                              Discard body) {
        return deadLetters.discard(queue, messageId, body == null ? null : body.reason(), actor());
    }

    private String actor() {
        return caller.name();
    }
}

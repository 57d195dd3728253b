package org.waybill.web.orders;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.waybill.ordering.AdmissionLimitException;
import org.waybill.ordering.OrderCancellation;
import org.waybill.ordering.OrderDetails;
import org.waybill.ordering.OrderPage;
import org.waybill.ordering.OrderPlacement;
import org.waybill.ordering.OrderSearch;
import org.waybill.ordering.PlaceOrder;
import org.waybill.platform.IdempotencyKeys;
import org.waybill.tracking.OrderTracking;
import org.waybill.tracking.TrackedOrder;
import org.waybill.web.Caller;
import org.waybill.web.Problem;

import java.util.UUID;

/**
 * Orders over HTTP: place one, list them, read one with what each step knows of it, cancel one. A customer works
 * on their own orders only; operators and admins on all.
 */
@Path("/orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.CUSTOMER, Caller.OPERATOR, Caller.ADMIN})
@Tag(name = "orders")
public class OrderResource {
    @Inject
    OrderPlacement placements;

    @Inject
    OrderCancellation cancellations;

    @Inject
    OrderSearch orders;

    @Inject
    OrderTracking tracking;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @Context
    Request request;

    /**
     * Places an order. With an {@code Idempotency-Key} header, a retry of a request whose answer was lost returns
     * the order the first request placed (marked {@code Idempotent-Replayed: true}) instead of placing another.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order", description = "A customer's customerId may be left out (it is theirs); "
            + "operators place orders for any customer.")
    @APIResponse(responseCode = "201", description = "Placed (or placed before with the same Idempotency-Key)",
            content = @Content(schema = @Schema(implementation = OrderDetails.class)))
    @APIResponse(responseCode = "400", description = "Invalid order; errors names each field", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A customer ordering for someone else")
    @APIResponse(responseCode = "409", description = "Idempotency-Key in use for another or a concurrent request")
    @APIResponse(responseCode = "503", description = "Nothing was stored: the admission limit refuses new orders "
            + "while a backlog is worked off (type " + AdmissionLimitException.TYPE + "), or the database cannot be "
            + "reached; send the same request again after Retry-After", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response place(PlaceOrder command,
                          @Parameter(description = "Any unique string per order, e.g. a UUID; a retry sends the same")
                          @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        PlaceOrder forCaller = command == null ? null : command.forCustomer(caller.customerFor(command.customerId()));
        OrderPlacement.Placement placement = placements.place(forCaller, idempotencyKey);
        OrderDetails order = placement.order();
        Response.ResponseBuilder response = Response.created(
                uri.getAbsolutePathBuilder().path(order.id().toString()).build()).entity(order).tag(etag(order));
        if (placement.repeated()) {
            response.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Operation(summary = "List orders", description = "Newest first by default. A customer sees only their own.")
    @APIResponse(responseCode = "200", description = "One page and the number of all matching orders",
            content = @Content(schema = @Schema(implementation = OrderPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter that does not parse, named in errors")
    public OrderPage list(
            @Parameter(description = "PLACED, STOCK_RESERVED, PAID, SHIPMENT_SCHEDULED, COMPLETED, CANCELLING, CANCELLED")
            @QueryParam("status") String status,
            @QueryParam("customerId") String customerId,
            @Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("placedFrom") String placedFrom,
            @Parameter(description = "ISO-8601 instant, exclusive") @QueryParam("placedTo") String placedTo,
            @Parameter(description = "placedAt, updatedAt, status, customerId or total")
            @QueryParam("sort") @DefaultValue("placedAt") String sort,
            @Parameter(description = "asc or desc") @QueryParam("order") @DefaultValue("desc") String order,
            @Parameter(description = "0 or more") @QueryParam("offset") @DefaultValue("0") String offset,
            @Parameter(description = "1 to 100") @QueryParam("limit") @DefaultValue("20") String limit) {
        var query = OrderListParameters.parse(status, customerId, placedFrom, placedTo, sort, order, offset, limit);
        return orders.search(caller.actsForAnyone() ? query : query.ofCustomer(caller.name()));
    }

    /** The order with its ETag (its version): If-None-Match answers 304 while it has not changed. */
    @GET
    @Path("/{id}")
    @Operation(summary = "Read an order", description = "Status, lines, payment, shipment and the timeline of its "
            + "events; for operators also retries and dead letters. ETag is the order's version.")
    @APIResponse(responseCode = "200", description = "The order",
            content = @Content(schema = @Schema(implementation = TrackedOrder.class)))
    @APIResponse(responseCode = "304", description = "Not changed since the If-None-Match version")
    @APIResponse(responseCode = "404", description = "No such order (or not the customer's)")
    public Response get(@PathParam("id") UUID id) {
        caller.ensureMaySee(id, orders.customerOf(id));
        TrackedOrder tracked = tracking.track(id, caller.actsForAnyone());
        EntityTag tag = new EntityTag(Long.toString(tracked.version()));
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        return (unchanged != null ? unchanged : Response.ok(tracked)).tag(tag).cacheControl(revalidate).build();
    }

    /**
     * Cancels an order that has not been scheduled for shipment; 202 while the steps undo their work. With
     * If-Match, only if the order is still at that version.
     */
    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel an order", description = "Until the shipment is scheduled. Every step undoes its work.")
    @APIResponse(responseCode = "202", description = "CANCELLING; the order as it is now",
            content = @Content(schema = @Schema(implementation = OrderDetails.class)))
    @APIResponse(responseCode = "404", description = "No such order (or not the customer's)")
    @APIResponse(responseCode = "409", description = "Too late: the shipment is scheduled, or the order ended")
    @APIResponse(responseCode = "412", description = "If-Match does not match the order's version any more")
    public Response cancel(@PathParam("id") UUID id, Cancellation body,
                           @Parameter(description = "The ETag the caller saw") @HeaderParam("If-Match") String ifMatch) {
        String reason = body == null ? null : body.reason();
        caller.ensureMaySee(id, orders.customerOf(id));
        OrderDetails order = cancellations.cancel(id, reason, expectedVersion(ifMatch));
        return Response.accepted(order).tag(etag(order)).build();
    }

    /** The body of a cancel request; the reason is optional. */
    public record Cancellation(@Schema(maxLength = OrderCancellation.MAX_REASON) String reason) {
    }

    private static EntityTag etag(OrderDetails order) {
        return new EntityTag(Long.toString(order.version()));
    }

    /** The version in an If-Match header ("3"); null for none or "*". */
    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (!tag.matches("\"\\d{1,18}\"")) {
            throw new BadRequestException("If-Match must be an ETag of this order, e.g. \"3\"");
        }
        return Long.parseLong(tag.substring(1, tag.length() - 1));
    }
}

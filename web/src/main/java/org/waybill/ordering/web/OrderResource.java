package org.waybill.ordering.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
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
import org.waybill.ordering.OrderDetails;
import org.waybill.ordering.OrderService;
import org.waybill.ordering.PlaceOrder;

import java.util.UUID;

/** Orders over HTTP: place one, read one with its status and timeline, cancel one. */
@Path("/orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Inject
    OrderService orders;

    @Context
    UriInfo uri;

    /**
     * Places an order. With an {@code Idempotency-Key} header, a retry of a request whose answer was lost returns
     * the order the first request placed (marked {@code Idempotent-Replayed: true}) instead of placing another.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(PlaceOrder command, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        OrderService.Placement placement = orders.place(command, idempotencyKey);
        OrderDetails order = placement.order();
        Response.ResponseBuilder response = Response.created(
                uri.getAbsolutePathBuilder().path(order.id().toString()).build()).entity(order);
        if (placement.repeated()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    public OrderDetails get(@PathParam("id") UUID id) {
        return orders.details(id);
    }

    /** Cancels an order that has not been scheduled for shipment; 202 while the steps undo their work. */
    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") UUID id, Cancellation body) {
        String reason = body == null ? null : body.reason();
        if (reason != null && reason.length() > 500) {
            throw new BadRequestException("reason must be at most 500 characters");
        }
        return Response.accepted(orders.cancel(id, reason)).build();
    }

    /** The body of a cancel request; the reason is optional. */
    public record Cancellation(String reason) {
    }
}

package org.waybill.ordering.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/** Orders over HTTP: place one, read one with its status and timeline. */
@Path("/orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    @Inject
    OrderService orders;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(PlaceOrder command) {
        OrderDetails order = orders.place(command);
        return Response.created(uri.getAbsolutePathBuilder().path(order.id().toString()).build())
                .entity(order)
                .build();
    }

    @GET
    @Path("/{id}")
    public OrderDetails get(@PathParam("id") UUID id) {
        return orders.details(id);
    }
}

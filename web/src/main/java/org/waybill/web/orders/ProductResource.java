package org.waybill.web.orders;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.waybill.inventory.Catalogue;
import org.waybill.inventory.ProductView;
import org.waybill.web.Caller;

import java.util.List;

/** {@code GET /api/products}: the catalogue with the stock available now. */
@Path("/products")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.CUSTOMER, Caller.OPERATOR, Caller.ADMIN})
@Tag(name = "products")
public class ProductResource {
    @Inject
    Catalogue catalogue;

    @GET
    @Operation(summary = "List the products", description = "By name, with price and the quantity available now")
    public List<ProductView> list() {
        return catalogue.all();
    }
}

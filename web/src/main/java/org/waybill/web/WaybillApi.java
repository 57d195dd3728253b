package org.waybill.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API, under /waybill/api. Its OpenAPI document is served at /openapi. Every endpoint but the health check
 * needs HTTP Basic credentials of a Waybill user; errors are application/problem+json.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Waybill", version = "1",
        description = "Orders run through a reliable event workflow: place, follow and cancel orders; operate dead "
                + "letters, replays and the dashboard."),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class WaybillApi extends Application {
}

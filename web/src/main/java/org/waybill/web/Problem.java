package org.waybill.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An error body in RFC 9457 form ({@code application/problem+json}).
 *
 * @param errors for invalid input, one entry per field that is wrong
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static Response response(Response.StatusType status, String detail) {
        return response(status, detail, List.of());
    }

    public static Response response(Response.StatusType status, String detail, List<FieldError> errors) {
        return Response.status(status.getStatusCode())
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, errors))
                .build();
    }

    /** The same, written by a servlet or filter that answers before JAX-RS sees the request. */
    public static void send(HttpServletResponse response, Response.StatusType status, String detail) throws IOException {
        response.setStatus(status.getStatusCode());
        // Said explicitly: the container would otherwise add its default, ISO-8859-1.
        response.setContentType(MEDIA_TYPE + ";charset=UTF-8");
        response.getOutputStream().write(JsonbConfig.jsonb().toJson(new Problem("about:blank",
                status.getReasonPhrase(), status.getStatusCode(), detail, List.of())).getBytes(StandardCharsets.UTF_8));
    }
}

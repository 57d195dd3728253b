package org.waybill.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.waybill.platform.ApplicationProblem;

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
        return response(ApplicationProblem.UNTYPED, status, detail, errors);
    }

    /** @param type the problem's type URI, {@code about:blank} when the status says it all */
    public static Response response(String type, Response.StatusType status, String detail, List<FieldError> errors) {
        return Response.status(status.getStatusCode())
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(new Problem(type, status.getReasonPhrase(), status.getStatusCode(), detail, errors))
                .build();
    }

    /** Writes the problem directly, for answers given outside JAX-RS (servlet filters, the login challenge). */
    public static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        // Said explicitly: the container would otherwise add its default, ISO-8859-1.
        response.setContentType(MEDIA_TYPE + ";charset=UTF-8");
        response.getOutputStream().write(JsonbConfig.jsonb().toJson(new Problem(ApplicationProblem.UNTYPED, title(status), status,
                detail, List.of())).getBytes(StandardCharsets.UTF_8));
    }

    /** What a status means for a client of the API, when nothing more precise is known. */
    public static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Sign in: send HTTP Basic credentials of a Waybill user.";
            case 403 -> "You may not do this.";
            case 404 -> "There is nothing at this path of the API; see the OpenAPI document at /openapi.";
            case 405 -> "This method is not allowed on this path; see the Allow header.";
            case 406 -> "The API answers application/json only; accept it.";
            case 413 -> "The request is too large.";
            case 412 -> "The resource is no longer at the version If-Match names (its ETag); read it again.";
            case 415 -> "Send the body as application/json in UTF-8.";
            default -> "HTTP status " + status + ".";
        };
    }

    private static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}

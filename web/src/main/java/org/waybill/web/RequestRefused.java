package org.waybill.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The API refuses a request before it reaches the application: a body that does not parse strictly, is too large
 * or of the wrong type. Carries its problem+json answer, naming the field at fault when there is one.
 */
public class RequestRefused extends WebApplicationException {
    public RequestRefused(Response.Status status, String detail) {
        super(detail, Problem.response(status, detail));
    }

    public RequestRefused(String field, String message) {
        super(field + " " + message, Problem.response(Response.Status.BAD_REQUEST,
                "The request body is not valid: " + field + " " + message,
                List.of(new Problem.FieldError(field, message))));
    }
}

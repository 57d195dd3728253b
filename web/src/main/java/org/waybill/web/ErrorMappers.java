package org.waybill.web;

import jakarta.ejb.EJBException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.waybill.platform.ApplicationProblem;
import org.waybill.platform.Failures;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error the API returns is problem+json with a message that says what is wrong. */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    /**
     * Whatever the application refused for a reason the client can act on: 400, 403, 404, 409, 412, or 503 with
     * {@code Retry-After} when it takes no more of that work for now (the admission limit).
     */
    @Provider
    public static class Refused implements ExceptionMapper<ApplicationProblem> {
        @Override
        public Response toResponse(ApplicationProblem e) {
            Response.Status status = switch (e.kind()) {
                case INVALID -> Response.Status.BAD_REQUEST;
                case FORBIDDEN -> Response.Status.FORBIDDEN;
                case NOT_FOUND -> Response.Status.NOT_FOUND;
                case CONFLICT -> Response.Status.CONFLICT;
                case STALE -> Response.Status.PRECONDITION_FAILED;
                case BUSY -> Response.Status.SERVICE_UNAVAILABLE;
            };
            Response.ResponseBuilder problem = Response.fromResponse(Problem.response(e.type(), status, e.getMessage(),
                    e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList()));
            e.retryAfter().ifPresent(after -> problem.header("Retry-After", after.toSeconds()));
            return problem.build();
        }
    }

    /** A body that is not JSON, or JSON of the wrong shape, as the JAX-RS runtime reports it. */
    @Provider
    public static class UnreadableBody implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return Problem.response(Response.Status.BAD_REQUEST,
                    "The request body is not valid JSON for this resource: " + Failures.rootMessage(e));
        }
    }

    /**
     * 404 for unknown paths, 405, 406, 415 ...: the status JAX-RS chose, as problem+json that says what was asked;
     * a {@link RequestRefused} already carries its problem.
     */
    @Provider
    public static class Http implements ExceptionMapper<WebApplicationException> {
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(WebApplicationException e) {
            Response given = e.getResponse();
            if (given.getEntity() instanceof Problem) {
                return given;
            }
            int status = given.getStatus();
            String asked = request.getMethod() + " " + JsonBinder.shown(request.getRequestURI());
            String detail = switch (status) {
                case 400 -> "The request is not valid: " + Failures.rootMessage(e);
                case 404 -> "There is nothing at " + asked + "; see the OpenAPI document at /openapi";
                case 405 -> asked + " is not allowed; this path allows " + given.getHeaderString("Allow");
                case 406 -> "The API answers application/json only, which " + asked + " does not accept";
                case 415 -> "Send the body of " + asked + " as application/json in UTF-8";
                default -> Problem.defaultDetail(status);
            };
            Response.ResponseBuilder problem = Response.fromResponse(Problem.response(given.getStatusInfo(), detail));
            if (given.getHeaderString("Allow") != null) {
                problem.header("Allow", given.getHeaderString("Allow"));
            }
            return problem.build();
        }
    }

    /**
     * An error a resource answers without throwing and without a body, such as the 412 of
     * {@code Request.evaluatePreconditions} for an If-Match that is not the current version: a problem too.
     */
    @Provider
    public static class EmptyErrors implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            int status = response.getStatus();
            if (status >= 400 && !response.hasEntity()) {
                response.setEntity(new Problem(ApplicationProblem.UNTYPED, response.getStatusInfo().getReasonPhrase(), status,
                        Problem.defaultDetail(status), List.of()), new Annotation[0], MediaType.valueOf(Problem.MEDIA_TYPE));
            }
        }
    }

    /**
     * Anything else: a database that cannot be reached, or a row another transaction holds longer than the lock wait
     * limit (30 s, e.g. one prepared and not yet resolved by recovery), is a 503 the client may retry (nothing was
     * stored, unless the connection broke during the commit: then the answer says so, and a retry with the same
     * {@code Idempotency-Key} finds what was stored); the rest is our fault, logged with its stack trace and answered
     * without one.
     */
    @Provider
    public static class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            if (Failures.databaseUnreachable(e)) {
                boolean atCommit = Failures.databaseLostAtCommit(e);
                LOG.warning(() -> "Database unreachable" + (atCommit ? " during the commit: " : ": ")
                        + Failures.rootMessage(e));
                return Response.fromResponse(Problem.response(Response.Status.SERVICE_UNAVAILABLE, atCommit
                                ? "The connection to the database broke while the request was being committed, so it "
                                + "may have taken effect. Retry with the same Idempotency-Key where the request takes "
                                + "one (what was stored is then returned, not done twice), or look before trying again."
                                : "The database cannot be reached right now; nothing was stored. Try again shortly."))
                        .header("Retry-After", "5").build();
            }
            if (Failures.lockTimedOut(e)) {
                LOG.warning(() -> "Row lock not granted in time: " + Failures.rootMessage(e));
                return Response.fromResponse(Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                        "The data this request changes is held by another transaction that has not finished; "
                                + "nothing was changed. Try again shortly.")).header("Retry-After", "10").build();
            }
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            LOG.log(Level.SEVERE, "Request failed", cause);
            return Problem.response(Response.Status.INTERNAL_SERVER_ERROR,
                    "The request failed on the server; it has been logged.");
        }
    }
}

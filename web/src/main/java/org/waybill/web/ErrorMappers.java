package org.waybill.web;

import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.waybill.platform.ApplicationProblem;
import org.waybill.platform.Failures;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error the API returns is problem+json with a message that says what is wrong. */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    /** Whatever the application refused for a reason the client can act on: 400, 403, 404, 409 or 412. */
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
            };
            return Problem.response(status, e.getMessage(),
                    e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList());
        }
    }

    /** A body that is not JSON, or JSON of the wrong shape, as the JAX-RS runtime reports it. */
    @Provider
    public static class UnreadableBody implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return unreadable(e);
        }
    }

    /** The same, as JSON-B reports it when it is not wrapped. */
    @Provider
    public static class UnreadableJson implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return unreadable(e);
        }
    }

    static Response unreadable(Exception e) {
        return Problem.response(Response.Status.BAD_REQUEST,
                "The request body is not valid JSON for this resource: " + Failures.rootMessage(e));
    }

    /** 404 for unknown paths, 405, 406, 415 ...: the status JAX-RS chose, as problem+json. */
    @Provider
    public static class Http implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            if (status.getStatusCode() == 400) {
                return Problem.response(status, "The request is not valid: " + Failures.rootMessage(e));
            }
            return Problem.response(status, e.getMessage());
        }
    }

    /**
     * Anything else: a database that cannot be reached is a 503 the client may retry (nothing was stored); the rest
     * is our fault, logged with its stack trace and answered without one.
     */
    @Provider
    public static class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            if (Failures.databaseUnreachable(e)) {
                LOG.warning(() -> "Database unreachable: " + Failures.rootMessage(e));
                return Response.fromResponse(Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                        "The database cannot be reached right now; nothing was stored. Try again shortly."))
                        .header("Retry-After", "5").build();
            }
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            LOG.log(Level.SEVERE, "Request failed", cause);
            return Problem.response(Response.Status.INTERNAL_SERVER_ERROR,
                    "The request failed on the server; it has been logged.");
        }
    }
}

package org.waybill.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.waybill.platform.PlainText;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The API's front door, before JAX-RS: refuses what must never reach the application (a body over
 * {@value #MAX_BODY_BYTES} bytes, a Content-Type or Accept that does not parse, control characters in the path or
 * query), and turns every error the servlet container or RESTEasy would answer with an HTML page or an empty body
 * into problem+json. A URL that is not well formed (characters it must escape, broken %-escapes) never gets here:
 * WildFly's first handler, org.waybill.undertow.RefuseMalformedRequests, refuses it.
 */
@WebFilter("/api/*")
public class ApiGuard extends HttpFilter {
    /** 1 MiB: an order of 100 lines is about 10 KiB. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final Logger LOG = Logger.getLogger(ApiGuard.class.getName());
    /** RFC 9110 weight; RESTEasy fails on any other q with a 500. */
    private static final Pattern WEIGHT = Pattern.compile("(?i).*;\\s*q\\s*=\\s*(?!(0(\\.[0-9]{0,3})?|1(\\.0{0,3})?)\\s*(;|$)).*");

    static RequestRefused tooLarge() {
        return new RequestRefused(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "The request body is larger than the API's limit of " + MAX_BODY_BYTES + " bytes (1 MiB)");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ProblemResponse problems = new ProblemResponse(response);
        RequestRefused refusal = refusal(request);
        if (refusal != null) {
            problems.sendError(refusal.getResponse().getStatus(), refusal.getMessage());
            return;
        }
        try {
            chain.doFilter(request, problems);
        } catch (IOException | ServletException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Request failed outside the API's exception mappers", e);
            if (!response.isCommitted()) {
                response.reset();
                problems.sendError(500, "The request failed on the server; it has been logged.");
            }
        }
    }

    /** Why the request is refused before JAX-RS sees it, or null. */
    private static RequestRefused refusal(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return tooLarge();
        }
        String contentType = request.getContentType();
        if (contentType != null && !parses(contentType)) {
            return new RequestRefused(Response.Status.UNSUPPORTED_MEDIA_TYPE, "Content-Type "
                    + JsonBinder.shown(contentType) + " is not a media type; send application/json");
        }
        String accept = request.getHeader("Accept");
        if (accept != null && !parsesAll(accept)) {
            return malformed("Accept " + JsonBinder.shown(accept)
                    + " is not a list of media types; ask for application/json");
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!PlainText.isPlain(path)) {
            return malformed("The path must not contain control characters");
        }
        String query = request.getQueryString();
        if (query != null) {
            for (String part : query.split("[&=]")) {
                try {
                    if (!PlainText.isPlain(URLDecoder.decode(part, StandardCharsets.UTF_8))) {
                        return malformed("The query parameters must not contain control characters");
                    }
                } catch (IllegalArgumentException e) {
                    return malformed("The query has a broken %-escape: " + JsonBinder.shown(part));
                }
            }
        }
        return null;
    }

    private static RequestRefused malformed(String detail) {
        return new RequestRefused(Response.Status.BAD_REQUEST, detail);
    }

    private static boolean parsesAll(String mediaTypes) {
        for (String type : mediaTypes.split(",")) {
            if (!type.isBlank() && (!parses(type.trim()) || WEIGHT.matcher(type).matches())) {
                return false;
            }
        }
        return true;
    }

    private static boolean parses(String mediaType) {
        try {
            MediaType.valueOf(mediaType);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Errors the container or RESTEasy send with sendError, written as problem+json instead of a page. */
    private static final class ProblemResponse extends HttpServletResponseWrapper {
        ProblemResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            Problem.write((HttpServletResponse) getResponse(), status,
                    message == null || message.isBlank() ? Problem.defaultDetail(status) : message);
        }
    }
}

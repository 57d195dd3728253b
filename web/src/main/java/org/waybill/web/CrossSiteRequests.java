package org.waybill.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a state-changing API call (POST, PUT, PATCH, DELETE, ...) that a browser sent on another site's behalf.
 * A browser attaches the screens' session cookie, and Basic credentials it remembers, to requests any page makes;
 * it also says which page made them: Origin, or else Referer. So a request is refused (403, problem+json) when that
 * source is not this server's own scheme://host:port, or when it carries neither and is authenticated by the session
 * cookie alone. A client that is not a browser (curl, a script, another service) sends no Origin and authenticates
 * with its own Authorization header: it is let through. Reads (GET, HEAD, OPTIONS) change nothing and always pass.
 *
 * <p>The screens' own posts are Faces forms: their view state is a random token of the session that another site
 * cannot know, and SameSite=Lax keeps the cookie off other sites' posts (undertow-handlers.conf).
 */
@WebFilter("/api/*")
public class CrossSiteRequests extends HttpFilter {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String refusal = refusal(request.getMethod(), request.getHeader("Origin"), request.getHeader("Referer"),
                request.getHeader("Authorization") != null, ownOrigin(request));
        if (refusal == null) {
            chain.doFilter(request, response);
        } else {
            Problem.write(response, HttpServletResponse.SC_FORBIDDEN, refusal);
        }
    }

    /** Why the request is refused, or null if it may go on. */
    static String refusal(String method, String origin, String referer, boolean ownCredentials, String ownOrigin) {
        if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return null;
        }
        String source = origin != null ? origin : referer;
        if (source == null) {
            return ownCredentials ? null : "Refused: a request that changes something, signed in by the screens' session "
                    + "cookie, must come from a page of this server (it names no Origin or Referer, so it may come from "
                    + "another site). Use the screens, or call the API with HTTP Basic credentials.";
        }
        String from = originOf(source);
        if (ownOrigin.equals(from)) {
            return null;
        }
        return "Refused: a page of another site (" + (from == null ? "an unknown origin" : from) + ") may not make a "
                + "browser change anything here. Use the screens at " + ownOrigin + ", or call the API with HTTP Basic "
                + "credentials from a program.";
    }

    /** scheme://host:port of the request as it was addressed; the port always spelled out. */
    static String ownOrigin(HttpServletRequest request) {
        return request.getScheme().toLowerCase(Locale.ROOT) + "://" + request.getServerName().toLowerCase(Locale.ROOT)
                + ":" + request.getServerPort();
    }

    /** The origin of an Origin or Referer value in the form of {@link #ownOrigin}; null if it has none ("null"). */
    static String originOf(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}

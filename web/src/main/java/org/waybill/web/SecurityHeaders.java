package org.waybill.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;

/**
 * The browser's defences on every response, screens, error pages and API alike: never framed (clickjacking), no
 * content-type guessing, no URL of ours sent to other sites, HTTPS only once seen over HTTPS. Set again when a
 * response is reset (Faces and PrimeFaces reset it to render an error), so an error never goes out without them.
 *
 * <p>The screens' Content-Security-Policy is PrimeFaces' (web.xml, {@code primefaces.CSP_POLICY}): only it knows
 * each page's script nonce. The API's responses are data, never a page: they may load and be framed by nothing.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR})
public class SecurityHeaders extends HttpFilter {
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** A year; browsers ignore it for IP addresses such as 127.0.0.1. */
    static final String HSTS = "max-age=31536000";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        apply(request, response);
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void reset() {
                super.reset();
                apply(request, response);
            }
        });
    }

    static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        if ("/api".equals(request.getServletPath())) {
            response.setHeader("Content-Security-Policy", API_POLICY);
        }
    }
}

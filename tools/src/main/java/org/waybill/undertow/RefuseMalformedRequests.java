package org.waybill.undertow;

import io.undertow.io.IoCallback;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.URLDecodingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WildFly's first handler for every request (module org.waybill.undertow, a custom-filter in
 * server-config/wildfly/configure-web.cli): refuses, before sign-in and before any deployment, what Undertow's own
 * parser or Elytron's login mechanisms would answer with a bare 400 or fail on with a 500. Under the API's path the
 * refusal is problem+json with a detail, elsewhere (the screens) a short text.
 *
 * <ul>
 * <li>A request target with a character a URL must %-escape ({@code { } | ^ ` < > " \ #}, a control character,
 * any byte that is not ASCII), a broken %-escape ({@code %ZZ}, a lone {@code %}) or, in the path, an escaped
 * control character ({@code %00}, {@code %0A}, {@code %7F}): 400. The listeners accept unescaped characters and do
 * not decode the URL for this to reach here; the decoding Undertow's parser would have done is done after the
 * check, by Undertow's own URLDecodingHandler.</li>
 * <li>A declared body over {@value #MAX_BODY_BYTES} bytes: 413; a streamed one when it reaches the limit. The
 * listeners have no limit of their own (theirs is answered with a bare 400).</li>
 * <li>A body is read whole before the request goes on ({@link BodyBeforeWorker}): 408 if it does not arrive within
 * 20 seconds.</li>
 * <li>An {@code Authorization: Basic} header that is not Basic credentials (not base64, no colon, not UTF-8):
 * 401 under the API, 400 elsewhere. Elytron's BASIC mechanism throws on such a header, which ends in a 500.</li>
 * </ul>
 */
public final class RefuseMalformedRequests implements HttpHandler {
    /**
     * 2 MiB for any request, each held in memory until it is whole; the API's own limit is 1 MiB, checked by the
     * application, and no screen takes more than a form's few KiB.
     */
    public static final long MAX_BODY_BYTES = 2L << 20;
    /** RFC 3986 characters of a path and query, and %-escapes; anything else must be escaped. */
    private static final Pattern URL_CHARACTER = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2}");
    private static final Pattern CONTROL_ESCAPE = Pattern.compile("%(?:[01][0-9A-Fa-f]|7[Ff])");
    private static final Pattern ABSOLUTE_FORM = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?]*");
    /**
     * Padded base64 (RFC 7617 with RFC 4648 section 4), with its length a multiple of 4 checked apart: one character
     * class, not a repeated group, which Java's engine would recurse through once per group on a long header.
     */
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*+={0,2}");

    private final HttpHandler next;
    /** Where the REST API is served (custom-filter parameter apiPath), such as /waybill/api. */
    private String apiPath;

    public RefuseMalformedRequests(HttpHandler next) {
        this.next = new BodyBeforeWorker(new URLDecodingHandler(next, StandardCharsets.UTF_8.name()), MAX_BODY_BYTES,
                (exchange, status, detail, then) -> refuse(exchange, status, detail, isApi(target(exchange)), then));
    }

    public void setApiPath(String apiPath) {
        this.apiPath = apiPath;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String target = target(exchange);
        String query = exchange.getQueryString();
        String refusal = targetRefusal(query.isEmpty() ? target : target + "?" + query, target);
        boolean api = isApi(target);
        if (refusal != null) {
            refuse(exchange, 400, refusal, api);
            return;
        }
        if (exchange.getRequestContentLength() > MAX_BODY_BYTES) {
            refuse(exchange, 413, "The request body is larger than the server's limit of " + MAX_BODY_BYTES
                    + " bytes (2 MiB)" + (api ? "; the API takes at most 1 MiB" : ""), api);
            return;
        }
        // BodyBeforeWorker refuses a body past the limit; this only stops the reading of the rest after a refusal.
        exchange.setMaxEntitySize(2 * MAX_BODY_BYTES);
        for (String authorization : exchange.getRequestHeaders().eachValue(Headers.AUTHORIZATION)) {
            String credentialsRefusal = basicRefusal(authorization);
            if (credentialsRefusal != null) {
                if (api) {
                    exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"waybill\", charset=\"UTF-8\"");
                }
                refuse(exchange, api ? 401 : 400, credentialsRefusal, api);
                return;
            }
        }
        next.handleRequest(exchange);
    }

    /** The request's path as sent, without a scheme and host (absolute form), not decoded. */
    private static String target(HttpServerExchange exchange) {
        return ABSOLUTE_FORM.matcher(exchange.getRequestURI()).replaceFirst("");
    }

    /** Why the raw request target (path and query, not decoded) is refused, or null. */
    static String targetRefusal(String pathAndQuery, String path) {
        Matcher matcher = URL_CHARACTER.matcher(pathAndQuery);
        int at = 0;
        while (at < pathAndQuery.length()) {
            if (matcher.find(at) && matcher.start() == at) {
                at = matcher.end();
                continue;
            }
            char c = pathAndQuery.charAt(at);
            if (c == '%') {
                return "The URL has a broken %-escape at character " + (at + 1)
                        + ": a % must be followed by two hexadecimal digits (write a % itself as %25)";
            }
            return "The URL holds " + shown(c) + " at character " + (at + 1) + ", which a URL must %-escape"
                    + (c == '{' || c == '}' ? " (an id in a path is written without braces)" : "");
        }
        if (CONTROL_ESCAPE.matcher(path).find()) {
            return "The path holds an escaped control character (%00 to %1F or %7F)";
        }
        return null;
    }

    /** Why an Authorization header of the Basic scheme is not Basic credentials, or null (also for other schemes). */
    static String basicRefusal(String authorization) {
        boolean basic = authorization.regionMatches(true, 0, "Basic", 0, 5)
                && (authorization.length() == 5 || Character.isWhitespace(authorization.charAt(5)));
        if (!basic) {
            return null;
        }
        String credentials = authorization.startsWith(" ", 5) ? authorization.substring(6) : "";
        if (credentials.isEmpty() || credentials.length() % 4 != 0 || !BASE64.matcher(credentials).matches()) {
            return "The Authorization header is not HTTP Basic credentials: after \"Basic \" comes the base64 of "
                    + "user:password (UTF-8), padded with =";
        }
        byte[] decoded = Base64.getDecoder().decode(credentials);
        String userAndPassword;
        try {
            userAndPassword = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            return "The Authorization header's Basic credentials are not UTF-8 text";
        }
        if (userAndPassword.indexOf(':') < 1) {
            return "The Authorization header's Basic credentials are not user:password (a user name, a colon, the "
                    + "password)";
        }
        return null;
    }

    private boolean isApi(String target) {
        return apiPath != null && target.startsWith(apiPath)
                && (target.length() == apiPath.length() || "/?;".indexOf(target.charAt(apiPath.length())) >= 0);
    }

    /** A character named so that no control character or raw byte of the request is echoed. */
    private static String shown(char c) {
        if (c > 0x7f) {
            return "a byte that is not ASCII (0x" + Integer.toHexString(c).toUpperCase() + "; non-ASCII text is sent "
                    + "as %-escaped UTF-8)";
        }
        String code = String.format("U+%04X", (int) c);
        return c < 0x20 || c == 0x7f ? "a control character (" + code + ")" : "'" + c + "' (" + code + ")";
    }

    private static void refuse(HttpServerExchange exchange, int status, String detail, boolean api) {
        refuse(exchange, status, detail, api, IoCallback.END_EXCHANGE);
    }

    private static void refuse(HttpServerExchange exchange, int status, String detail, boolean api, IoCallback then) {
        exchange.setStatusCode(status);
        exchange.setPersistent(false);
        // The headers SecurityHeaders gives every answer of the application, which this one never reaches.
        exchange.getResponseHeaders()
                .put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff")
                .put(HttpString.tryFromString("X-Frame-Options"), "DENY")
                .put(HttpString.tryFromString("Referrer-Policy"), "same-origin")
                .put(HttpString.tryFromString("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'");
        if (api) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/problem+json;charset=UTF-8");
            exchange.getResponseSender().send("{\"type\":\"about:blank\",\"title\":\"" + title(status) + "\",\"status\":"
                    + status + ",\"detail\":\"" + jsonText(detail) + "\",\"errors\":[]}", StandardCharsets.UTF_8,
                    then);
        } else {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain;charset=UTF-8");
            exchange.getResponseSender().send(detail + "\n", StandardCharsets.UTF_8, then);
        }
    }

    /** The details hold no control characters (see shown): only quotes and backslashes need escaping. */
    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String title(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 408 -> "Request Timeout";
            case 503 -> "Service Unavailable";
            case 413 -> "Request Entity Too Large";
            default -> "Bad Request";
        };
    }
}

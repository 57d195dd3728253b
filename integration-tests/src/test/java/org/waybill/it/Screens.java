package org.waybill.it;

import org.waybill.stack.AppUser;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw HTTP against the screens as a browser sends it: the session cookie, form posts, whatever Origin or Referer a
 * test names. Over HTTP or HTTPS; HTTPS trusts only the development certificate the launcher created, so a test also
 * proves that certificate is valid for 127.0.0.1.
 */
final class Screens {
    static final String HTTP = System.getProperty("waybill.it.api").replace("/api", "");
    static final String HTTPS = System.getProperty("waybill.it.screens");
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private String session;

    private Screens(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    static Screens http() {
        return http(HTTP);
    }

    /** Over HTTP at another node's screens, e.g. {@link SecondNode#screens()}. */
    static Screens http(String base) {
        return new Screens(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    static Screens https() {
        return https(HTTPS);
    }

    /** Over HTTPS at other screens, e.g. the load balancer's; trusting the development certificate only. */
    static Screens https(String base) {
        return new Screens(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(trustingTheDevelopmentCertificate()).build());
    }

    /** scheme://host:port of the server, as a browser puts it into Origin. */
    String origin() {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    String base() {
        return base;
    }

    /** The session id the server last set (it ends with the node's route, e.g. .waybill-2), or null before one. */
    String session() {
        return session;
    }

    /** Signs in through the login form, as a browser does; the session cookie is then sent with every request. */
    Screens signIn(AppUser user) {
        get("/orders/index.xhtml");
        HttpResponse<String> login = post("/j_security_check", "j_username=" + encode(user.name())
                + "&j_password=" + encode(user.password()));
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("failed")) {
            throw new IllegalStateException("sign-in failed: " + login.statusCode() + " " + login.headers().map());
        }
        return this;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    /** A form post (application/x-www-form-urlencoded). */
    HttpResponse<String> post(String path, String form, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), headers);
    }

    /** A POST to the REST API with a JSON body, authenticated by the session cookie only. */
    HttpResponse<String> postJson(String apiPath, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api" + apiPath))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    static String viewState(String page) {
        Matcher m = VIEW_STATE.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no view state in the page:\n" + page);
        }
        return m.group(1);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The Set-Cookie header of the session cookie in a response, or "" if it sets none. */
    static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElse("");
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (session != null) {
            request.header("Cookie", "JSESSIONID=" + session);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = SESSION.matcher(sessionCookie(response));
            if (m.find()) {
                session = m.group(1);
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Trusts the development certificate the launcher made for the test stack, and nothing else. */
    private static SSLContext trustingTheDevelopmentCertificate() {
        Path file = TestStack.stack().settings().tlsKeyStore();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, TestStack.stack().settings().tlsKeyStorePassword().toCharArray());
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            for (String alias : List.copyOf(java.util.Collections.list(keys.aliases()))) {
                trusted.setCertificateEntry(alias, keys.getCertificate(alias));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the development certificate " + file, e);
        }
    }
}

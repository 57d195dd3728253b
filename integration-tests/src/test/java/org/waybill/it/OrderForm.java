package org.waybill.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The order screen (orders/new.xhtml) driven over HTTP as PrimeFaces' "Place the order" button does: open the page
 * in a session (HTTP Basic, which the screens accept too), then post the form by Ajax with its view state.
 */
final class OrderForm {
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    /** The page's CSP nonce, which PrimeFaces' Ajax requests send back (primefaces.nonce) in CSP mode. */
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
    private static final Pattern PLACED = Pattern.compile("placed\\.xhtml\\?id=([0-9a-f-]{36})");
    private static final String PAGE = System.getProperty("waybill.it.api").replace("/api", "/orders/new.xhtml");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization;

    /** What the server answered, and the order it placed, if it placed one. */
    record Submission(int status, String body, String placedOrder, long nanos) {
    }

    OrderForm(String user, String password) {
        this.authorization = RawHttp.basic(user, password);
    }

    /** Submits one line; {@code customerId} only for an operator (the field is theirs alone). */
    Submission submit(String customerId, String sku, String quantity, String paymentToken) {
        long start = System.nanoTime();
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(PAGE)).GET());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("the order page did not open: " + page.statusCode() + " " + page.body());
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(PAGE))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Faces-Request", "partial/ajax")
                .POST(HttpRequest.BodyPublishers.ofString(placeRequest(page.body(), customerId, sku, quantity,
                        paymentToken))));
        return new Submission(answer.statusCode(), answer.body(), placedOrder(answer.body()), System.nanoTime() - start);
    }

    /**
     * The body of the Ajax post of "Place the order" with one line, made from the order page as the server sent it
     * (its view state and nonce); for any session, e.g. one signed in through the login form ({@link Screens}).
     */
    static String placeRequest(String page, String customerId, String sku, String quantity, String paymentToken) {
        Matcher state = VIEW_STATE.matcher(page);
        if (!state.find()) {
            throw new IllegalStateException("no view state in the order page:\n" + page);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", "order:place");
        form.put("jakarta.faces.partial.execute", "@all");
        form.put("jakarta.faces.partial.render", "order");
        form.put("order:place", "order:place");
        form.put("order", "order");
        if (customerId != null) {
            form.put("order:customer", customerId);
        }
        form.put("order:token_input", paymentToken);
        form.put("order:lines:0:sku_input", sku);
        form.put("order:lines:0:quantity", quantity);
        form.put("jakarta.faces.ViewState", state.group(1));
        Matcher nonce = NONCE.matcher(page);
        if (nonce.find()) {
            form.put("primefaces.nonce", nonce.group(1));
        }
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The order an answer to that post says it placed (its redirect to placed.xhtml), or null. */
    static String placedOrder(String answer) {
        Matcher placed = PLACED.matcher(answer);
        return placed.find() ? placed.group(1) : null;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", authorization).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("order form: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

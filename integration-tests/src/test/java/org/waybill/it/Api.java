package org.waybill.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.waybill.stack.AppUser;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A small client for the REST API of the WildFly under test. The static methods act as the operator of the test
 * users; {@link #as} as any other user, {@link #anonymous} without credentials.
 */
final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BASE = System.getProperty("waybill.it.api");

    record Reply(int status, HttpHeaders headers, String body) {
        String contentType() {
            return header("Content-Type");
        }

        String location() {
            return headers.firstValue("Location").orElse(null);
        }

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    /** Requests with one user's credentials (or none), to one node's API. */
    static final class Client {
        private final String base;
        private final String authorization;

        private Client(String base, String authorization) {
            this.base = base;
            this.authorization = authorization;
        }

        /** The same user at another node's API, e.g. {@link SecondNode#api()}. */
        Client at(String otherBase) {
            return new Client(otherBase, authorization);
        }

        /** A POST of a JSON body; {@code headers} are more name, value pairs. */
        Reply post(String path, String json, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return send(request);
        }

        /** A GET; {@code headers} are name, value pairs. */
        Reply get(String path, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return send(request);
        }

        private Reply send(HttpRequest.Builder request) {
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                // Longer than the database's lock wait limit (30 s), so a request that waited for a lock gets its answer.
                HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new IllegalStateException("request failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Api() {
    }

    static Client as(AppUser user) {
        return as(user.name(), user.password());
    }

    static Client as(String user, String password) {
        return new Client(BASE, "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static Client anonymous() {
        return new Client(BASE, null);
    }

    static Client operator() {
        return as(TestStack.stack().settings().userInRole("operator"));
    }

    static Reply post(String path, String json, String... headers) {
        return operator().post(path, json, headers);
    }

    static Reply get(String path, String... headers) {
        return operator().get(path, headers);
    }
}

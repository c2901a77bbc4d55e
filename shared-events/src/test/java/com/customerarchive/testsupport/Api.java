package com.customerarchive.testsupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Speaks HTTP to an app as a client would: JSON in, status, headers and JSON out. A request the app does not answer
 * within thirty seconds (unless it sets its own time-out) fails with an {@link UncheckedIOException}, never a hang.
 */
public final class Api {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response post(String path, String user, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), user);
    }

    public Response put(String path, String user, String body) {
        return call("PUT", path, user, body, null);
    }

    public Response patch(String path, String user, String body) {
        return call("PATCH", path, user, body, null);
    }

    /** Any method, with an optional If-Match. */
    public Response call(String method, String path, String user, String body, String ifMatch) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request, user);
    }

    public Response post(String path, String user) {
        return call("POST", path, user, null, null);
    }

    public Response get(String path, String user) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), user);
    }

    public Response send(HttpRequest.Builder request, String user) {
        if (user != null) {
            String credentials = user + ":" + user + "-pw";
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest built = request.build();
        if (built.timeout().isEmpty()) {
            built = HttpRequest.newBuilder(built, (name, value) -> true).timeout(ANSWER_WITHIN).build();
        }
        try {
            return new Response(CLIENT.send(built, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }
    }
}

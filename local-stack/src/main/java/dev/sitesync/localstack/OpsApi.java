package dev.sitesync.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON calls to the services' APIs with a client's token from the issuer. */
public final class OpsApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A status and a body, as read; for calls whose refusals matter. */
    public record Answer(int status, JsonNode body) {

        /** The response's status and its JSON body (an empty object when it has none). */
        public static Answer of(HttpResponse<String> response) throws IOException {
            String body = response.body();
            return new Answer(response.statusCode(), body == null || body.isBlank()
                    ? JSON.createObjectNode()
                    : JSON.readTree(body));
        }
    }

    private final Issuer issuer;

    public OpsApi(Issuer issuer) {
        this.issuer = issuer;
    }

    public JsonNode get(String url, String client) {
        return expectOk(send(HttpRequest.newBuilder(URI.create(url)).GET(), client), url);
    }

    public JsonNode post(String url, String json, String client) {
        return expectOk(call("POST", url, json, client), url);
    }

    public Answer call(String method, String url, String json, String client) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)), client);
    }

    private Answer send(HttpRequest.Builder request, String client) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + issuer.token(client)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Answer.of(response);
        } catch (IOException e) {
            throw new StackFailure("Cannot call " + request.build().uri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("Interrupted.");
        }
    }

    private static JsonNode expectOk(Answer answer, String url) {
        if (answer.status() / 100 != 2) {
            throw new StackFailure(url + " answered HTTP " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }
}

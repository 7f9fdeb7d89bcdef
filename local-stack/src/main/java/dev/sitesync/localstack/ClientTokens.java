package dev.sitesync.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Client-credentials tokens from an issuer's token endpoint, cached per client until a minute before expiry. */
final class ClientTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Cached(String token, Instant renewAt) {
    }

    private final String tokenEndpoint;
    private final Function<String, String> secrets;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ClientTokens(String tokenEndpoint, Function<String, String> secrets) {
        this.tokenEndpoint = tokenEndpoint;
        this.secrets = secrets;
    }

    /** The token endpoint named by the issuer's discovery document. */
    static String discoverTokenEndpoint(String issuer) {
        JsonNode discovery = getJson(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        String endpoint = discovery.path("token_endpoint").asText("");
        if (endpoint.isEmpty()) {
            throw new StackFailure("The issuer " + issuer + " names no token_endpoint in its discovery document.");
        }
        return endpoint;
    }

    String token(String clientId) {
        Cached cached = cache.get(clientId);
        if (cached != null && Instant.now().isBefore(cached.renewAt())) {
            return cached.token();
        }
        Cached fresh = fetch(clientId);
        cache.put(clientId, fresh);
        return fresh.token();
    }

    private Cached fetch(String clientId) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(secrets.apply(clientId));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StackFailure("The issuer refused a token for client " + clientId + " (HTTP "
                        + response.statusCode() + "); check that the client exists and its secret.");
            }
            JsonNode body = JSON.readTree(response.body());
            long lifetime = body.path("expires_in").asLong(60);
            return new Cached(body.path("access_token").asText(),
                    Instant.now().plusSeconds(Math.max(lifetime - 60, lifetime / 2)));
        } catch (IOException e) {
            throw new StackFailure("Cannot reach the token endpoint " + tokenEndpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("Interrupted while getting a token.");
        }
    }

    private static JsonNode getJson(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StackFailure(url + " answered HTTP " + response.statusCode() + ".");
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StackFailure("Cannot read " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("Interrupted while reading " + url + ".");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

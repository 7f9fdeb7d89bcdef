package dev.sitesync.worker.client;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * JSON calls to other SiteSync services with this worker's client-credentials token (zero trust inside too): one
 * connection pool, the token reused until it nears expiry, failures as {@link ServiceCallException}.
 */
@ApplicationScoped
public class ServiceCalls {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebClient web;
    private final OidcClient oidc;
    private final ObjectMapper json;
    private volatile Tokens tokens;

    public ServiceCalls(Vertx vertx, OidcClient oidc, ObjectMapper json) {
        // the trace context is set by the caller from the change it works for, not by the thread's current span
        this.web = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(32).setConnectTimeout(5000)
                .setTracingPolicy(TracingPolicy.IGNORE));
        this.oidc = oidc;
        this.json = json;
    }

    public <T> Uni<T> call(HttpMethod method, String url, Object body, Class<T> answer) {
        return call(method, url, body, json.constructType(answer), null);
    }

    /** A call in the trace of {@code traceparent} (the called service continues it), or untraced when it is null. */
    public <T> Uni<T> call(HttpMethod method, String url, Object body, Class<T> answer, String traceparent) {
        return call(method, url, body, json.constructType(answer), traceparent);
    }

    public <T> Uni<T> call(HttpMethod method, String url, Object body, JavaType answer, String traceparent) {
        return token().flatMap(token -> {
            HttpRequest<Buffer> request = web.requestAbs(method, url).timeout(TIMEOUT.toMillis())
                    .putHeader("Authorization", "Bearer " + token).putHeader("Accept", "application/json");
            if (traceparent != null) {
                request.putHeader("traceparent", traceparent);
            }
            Uni<HttpResponse<Buffer>> sent = body == null
                    ? request.send()
                    : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(write(body)));
            return sent.onFailure().transform(e -> new ServiceCallException(method + " " + url + ": " + e.getMessage(), 0))
                    .map(response -> read(method, url, response, answer));
        });
    }

    private <T> T read(HttpMethod method, String url, HttpResponse<Buffer> response, JavaType answer) {
        if (response.statusCode() == 401) {
            tokens = null; // maybe revoked or expired early: fetch a new one next time
        }
        if (response.statusCode() >= 300) {
            throw new ServiceCallException(method + " " + url + " answered " + response.statusCode() + ": "
                    + abbreviate(response.bodyAsString()), response.statusCode());
        }
        try {
            return answer.getRawClass() == Void.class ? null : json.readValue(response.body().getBytes(), answer);
        } catch (java.io.IOException e) {
            throw new ServiceCallException(method + " " + url + " answered unreadable JSON: " + e.getMessage(), 502);
        }
    }

    private Uni<String> token() {
        Tokens current = tokens;
        if (current != null && !current.isAccessTokenWithinRefreshInterval() && !current.isAccessTokenExpired()) {
            return Uni.createFrom().item(current.getAccessToken());
        }
        return oidc.getTokens().onFailure()
                .transform(e -> new ServiceCallException("Cannot get a client-credentials token: " + e.getMessage(), 0))
                .invoke(fresh -> tokens = fresh).map(Tokens::getAccessToken);
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}

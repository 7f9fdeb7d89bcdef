package dev.sitesync.worker.client;

import jakarta.ws.rs.ext.ContextResolver;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.tracing.TracingPolicy;

/**
 * The HTTP connections of the worker's REST clients, without Vert.x's own tracing: it would start a client span from
 * whatever context the calling thread has and overwrite the {@code traceparent} header, while a call made for a change
 * must carry that change's trace (set explicitly from its envelope or event, see {@code SyncTraces}). The REST
 * client's settings (timeouts, pool) are applied on top of these options.
 */
public class UntracedConnections implements ContextResolver<HttpClientOptions> {

    @Override
    public HttpClientOptions getContext(Class<?> type) {
        return new HttpClientOptions().setTracingPolicy(TracingPolicy.IGNORE);
    }
}

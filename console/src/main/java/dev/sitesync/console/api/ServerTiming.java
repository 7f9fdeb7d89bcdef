package dev.sitesync.console.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every page says how long the console took to make it ({@code Server-Timing: app;dur=ms}), services' answers
 * included: what the browser's developer tools and the benchmark read.
 */
public class ServerTiming {

    private static final String STARTED = ServerTiming.class.getName() + ".started";

    @ServerRequestFilter(preMatching = true)
    public void start(ContainerRequestContext context) {
        context.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void stop(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STARTED) instanceof Long started) {
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            response.getHeaders().putSingle("Server-Timing", "app;dur=" + String.format(java.util.Locale.ROOT, "%.1f",
                    millis));
        }
    }
}

package dev.sitesync.console.api;

import java.net.URI;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;

/**
 * Cross-site request forgery: a form that changes something is taken only from the console's own pages, as the
 * browser's {@code Origin} (or, failing that, {@code Referer}) header proves. The session cookie is also SameSite=Lax,
 * so another site's form never carries it; this check stands when a browser does not honour that.
 */
public class SameOrigin {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter
    public void check(ContainerRequestContext context, HttpServerRequest request) {
        if (SAFE.contains(context.getMethod()) || !context.getUriInfo().getPath().startsWith("/console")) {
            return;
        }
        String host = request.getHeader(HttpHeaders.HOST);
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            origin = request.getHeader("Referer");
        }
        if (host == null || origin == null || !host.equalsIgnoreCase(authority(origin))) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Changes are taken only from the console's own pages "
                    + "(the request's Origin is not this console). Open the console and use its forms.");
        }
    }

    private static String authority(String url) {
        try {
            return URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package dev.sitesync.console.api;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.sitesync.contracts.problem.Problem;

/**
 * A browser gets every refusal as a page: the problem+json the shared mappers make (service-support) is rendered as
 * HTML for a request that prefers HTML, with the same type, detail and request ID. API clients keep problem+json.
 */
public class HtmlProblems {

    @ServerResponseFilter
    public void render(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && prefersHtml(request)) {
            response.setEntity(Pages.problem(problem).render(), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }

    private static boolean prefersHtml(ContainerRequestContext request) {
        List<MediaType> accepted = request.getAcceptableMediaTypes();
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        return accept != null && !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.TEXT_HTML_TYPE)
                && !accepted.get(0).isWildcardType();
    }
}

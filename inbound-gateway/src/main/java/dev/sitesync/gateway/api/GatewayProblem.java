package dev.sitesync.gateway.api;

import java.net.URI;

import dev.sitesync.contracts.problem.ProblemType;

/**
 * A problem type the gateway answers with: the shared ones, and the gateway's own under the same base URI until
 * they join {@link ProblemType}.
 */
public record GatewayProblem(URI type, String title, int status) {

    public static final GatewayProblem INVALID_SIGNATURE = local("invalid-signature",
            "The webhook signature does not match its body", 401);
    public static final GatewayProblem IP_NOT_ALLOWED = local("ip-not-allowed",
            "The request comes from an address this caller may not use", 403);
    public static final GatewayProblem SITE_INACTIVE = local("site-inactive", "The site is not active", 403);
    public static final GatewayProblem INVALID_PATH = local("invalid-path", "The request path is not acceptable", 400);

    public static GatewayProblem of(ProblemType type) {
        return new GatewayProblem(type.uri(), type.title(), type.status());
    }

    private static GatewayProblem local(String slug, String title, int status) {
        return new GatewayProblem(URI.create(ProblemType.BASE_URI + slug), title, status);
    }
}

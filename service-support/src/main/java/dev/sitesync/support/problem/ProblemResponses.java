package dev.sitesync.support.problem;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.contracts.problem.Problem;
import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.http.RequestIds;

/** Builds problem+json responses carrying the request's path and ID. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(ProblemType type, String detail, HttpServerRequest request) {
        return of(type, type.status(), detail, null, request);
    }

    public static Response of(ProblemType type, int status, String detail, List<Violation> violations,
            HttpServerRequest request) {
        Problem problem = new Problem(type.uri(), type.title(), status, detail, request == null ? null : request.path(),
                RequestIds.of(request), violations);
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }
}

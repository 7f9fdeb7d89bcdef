package dev.sitesync.worker.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.support.problem.ProblemResponses;
import dev.sitesync.worker.client.ServiceCallException;

/** Failures of the services and the site an operation depends on, as 502/503 problems saying which and why. */
public class WorkerProblems {

    @ServerExceptionMapper
    public Response dependency(ServiceCallException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemType.UNAVAILABLE, 503, "A SiteSync service this operation needs failed: "
                + e.getMessage() + ". Check that service, then retry.", null, request);
    }

    @ServerExceptionMapper
    public Response site(FrappeException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemType.UNAVAILABLE, 503, "The site refused or failed the operation ("
                + e.kind() + "): " + e.getMessage() + ". Check the site and the sync user's roles, then retry.", null,
                request);
    }
}

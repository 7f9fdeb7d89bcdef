package dev.sitesync.console.api;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.console.client.ServiceClients;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemResponses;

/** The way in: the root leads to the console; a site the console does not know is a problem like any other. */
@Path("/")
public class Entrance {

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/console/")).build();
    }

    @ServerExceptionMapper
    public Response unknownSite(ServiceClients.UnknownSiteException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemType.NOT_FOUND, e.getMessage(), request);
    }
}

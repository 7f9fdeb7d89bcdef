package dev.sitesync.console.api;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.console.client.ServiceClients;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemResponses;

/** The way in and out: the root leads to the console; after signing out a page says so, without a session. */
@Path("/")
public class Entrance {

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/console/")).build();
    }

    @GET
    @Path("/console/signed-out")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return Pages.signedOut();
    }

    @ServerExceptionMapper
    public Response unknownSite(ServiceClients.UnknownSiteException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemType.NOT_FOUND, e.getMessage(), request);
    }
}

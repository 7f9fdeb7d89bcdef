package dev.sitesync.console.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** A worker's Prometheus metrics, which it serves to anyone inside the cluster: no token is sent. */
@Path("/q/metrics")
public interface MetricsApi {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    Uni<String> scrape();
}

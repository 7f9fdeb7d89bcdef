package dev.sitesync.frappe.sim.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.sitesync.frappe.sim.engine.SiteClocks;
import dev.sitesync.frappe.sim.site.SiteRegistry;

/**
 * The {@code Date} header a site's web server sends with every answer (nginx and gunicorn in front of Frappe do), from
 * the site's clock, so a client can measure how far the site's clock is from its own, also when a test moved it.
 */
public class ServerDates {

    private final SiteRegistry sites;
    private final SiteClocks clocks;

    public ServerDates(SiteRegistry sites, SiteClocks clocks) {
        this.sites = sites;
        this.clocks = clocks;
    }

    @ServerResponseFilter
    public void date(ContainerRequestContext request, ContainerResponseContext response) {
        Instant now = sites.resolve(request.getHeaderString(Callers.SITE_HEADER),
                request.getHeaderString(HttpHeaders.HOST)).map(site -> clocks.of(site).instant())
                .orElseGet(Instant::now);
        response.getHeaders().putSingle(HttpHeaders.DATE,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
    }
}

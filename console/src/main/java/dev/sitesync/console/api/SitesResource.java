package dev.sitesync.console.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

import dev.sitesync.console.client.ServiceCalls;
import dev.sitesync.console.client.ServiceClients;
import dev.sitesync.console.config.ConsoleConfig;
import dev.sitesync.console.domain.Answer;
import dev.sitesync.console.domain.JsonTable;
import dev.sitesync.console.domain.ServiceFailure;

/** Per site: its go-live readiness checklist and its latest reconciliation reports, as its worker answers them. */
@Path("/console/sites")
@Produces(MediaType.TEXT_HTML)
public class SitesResource {

    /** One site's readiness (its verdict's fields and its checks) and reconciliation reports, each with why not. */
    public record SiteReports(String site, List<List<String>> readinessSummary, JsonTable readiness,
            ServiceFailure readinessFailure, JsonTable reconciliations, ServiceFailure reconciliationFailure) {
    }

    private final ConsoleConfig config;
    private final ServiceClients services;

    public SitesResource(ConsoleConfig config, ServiceClients services) {
        this.config = config;
        this.services = services;
    }

    @GET
    public Uni<TemplateInstance> page() {
        return Uni.join().all(config.sites().stream().map(this::reports).toList()).andFailFast()
                .map(Pages::sites);
    }

    private Uni<SiteReports> reports(String site) {
        Uni<Answer<JsonNode>> readiness = ServiceCalls.answer(Sites.worker(site), () -> services.worker(site).readiness());
        Uni<Answer<JsonNode>> reconciliations = ServiceCalls.answer(Sites.worker(site),
                () -> services.worker(site).reconciliations());
        return Uni.combine().all().unis(readiness, reconciliations).asTuple().map(answers -> {
            Answer<JsonNode> ready = answers.getItem1();
            Answer<JsonNode> reports = answers.getItem2();
            return new SiteReports(site, ready.ok() ? JsonTable.summary(ready.value()) : List.of(),
                    ready.ok() ? JsonTable.of(ready.value()) : null, ready.failure(),
                    reports.ok() ? JsonTable.of(reports.value()) : null, reports.failure());
        });
    }
}

package dev.sitesync.console.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

import dev.sitesync.console.client.PolicyRevision;
import dev.sitesync.console.client.ServiceCalls;
import dev.sitesync.console.client.ServiceClients;
import dev.sitesync.console.domain.Answer;

/** The ownership policy in force (its YAML), and every revision with its diff, author and reason. */
@Path("/console/policy")
@Produces(MediaType.TEXT_HTML)
public class PolicyResource {

    static final String OWNERSHIP = "ownership-service";

    private final ServiceClients services;

    public PolicyResource(ServiceClients services) {
        this.services = services;
    }

    @GET
    public Uni<TemplateInstance> page() {
        Uni<Answer<PolicyRevision>> current = ServiceCalls.answer(OWNERSHIP, () -> services.ownership().current());
        Uni<Answer<List<PolicyRevision>>> revisions = ServiceCalls.answer(OWNERSHIP,
                () -> services.ownership().revisions());
        return Uni.combine().all().unis(current, revisions).asTuple().map(answers -> Pages.policy(
                answers.getItem1().value(), answers.getItem2().value(),
                answers.getItem1().ok() ? answers.getItem2().failure() : answers.getItem1().failure()));
    }

    /** One revision with its whole YAML. */
    @GET
    @Path("/revisions/{version: \\d{1,9}}")
    public Uni<TemplateInstance> revision(@PathParam("version") int version) {
        return ServiceCalls.answer(OWNERSHIP, () -> services.ownership().revision(version))
                .map(answer -> Pages.revision(version, answer.value(), answer.failure()));
    }
}

package dev.sitesync.worker.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.domain.Pauses;
import dev.sitesync.worker.source.Capture;
import dev.sitesync.worker.source.Deliverer;
import dev.sitesync.worker.store.Decision;
import dev.sitesync.worker.store.SitePauses;
import dev.sitesync.worker.target.Applier;

/**
 * Operators pause a site, or one doctype on it, and resume it, each time with a reason. Pausing this worker's own site
 * stops its capture, deliveries and applying; pausing a peer stops the deliveries to it and the applying of what came
 * from it. Nothing is dropped: everything waits in its queue, and resuming catches up in order.
 */
@Path("/ops/v1/pauses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ops", description = "Operations on this site's worker")
public class PauseResource {

    private final SitePauses pauses;
    private final Capture capture;
    private final Deliverer deliverer;
    private final Applier applier;
    private final SecurityIdentity caller;

    public PauseResource(SitePauses pauses, Capture capture, Deliverer deliverer, Applier applier,
            SecurityIdentity caller) {
        this.pauses = pauses;
        this.capture = capture;
        this.deliverer = deliverer;
        this.applier = applier;
        this.caller = caller;
    }

    /**
     * A pause or a resume: the site (this worker's or a peer), optionally one doctype (none: the whole site), and why.
     */
    public record PauseRequest(@SiteCode String site,
            @Pattern(regexp = DocTypeName.PATTERN, message = "must be a doctype name") String doctype,
            @NotBlank @Size(max = 1000) String reason) {
    }

    /** The pauses in force: what, since when, by whom and why. */
    @GET
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<List<Pauses.Pause>> list() {
        return pauses.current().map(Pauses::pauses);
    }

    /** 201 with the pause; 409 naming the pause in force when the same scope is paused already. */
    @POST
    @RolesAllowed(SYNC_ADMIN)
    public Uni<Response> pause(@NotNull @Valid PauseRequest request) {
        return pauses.pause(request.site(), request.doctype(), request.reason().strip(), Operators.actor(caller))
                .map(decision -> {
                    if (decision.outcome() == Decision.Outcome.ALREADY_DECIDED) {
                        Pauses.Pause held = decision.view();
                        throw new ProblemException(ProblemType.CONFLICT, scope(request) + " is paused already, since "
                                + held.pausedAt() + " by " + held.pausedBy() + " (" + held.reason()
                                + "); nothing was changed. Resume it first to pause it for another reason.");
                    }
                    if (decision.outcome() == Decision.Outcome.NOT_FOUND) {
                        throw new ProblemException(ProblemType.CONFLICT, scope(request) + " was resumed while it was "
                                + "being paused; nothing was changed. Pause it again if it still should be.");
                    }
                    return Response.status(Response.Status.CREATED).entity(decision.view()).build();
                });
    }

    /** 200 with the pause lifted; 404 when exactly this scope is not paused. Queued work is taken up at once. */
    @POST
    @Path("/resume")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<Pauses.Pause> resume(@NotNull @Valid PauseRequest request) {
        return pauses.resume(request.site(), request.doctype(), request.reason().strip(), Operators.actor(caller))
                .map(decision -> {
                    if (decision.outcome() != Decision.Outcome.DONE) {
                        throw new ProblemException(ProblemType.NOT_FOUND, scope(request) + " is not paused; "
                                + "GET /ops/v1/pauses lists what is (a doctype's pause and its site's are lifted "
                                + "separately).");
                    }
                    capture.nudgeEvents();
                    deliverer.nudge();
                    applier.nudge();
                    return decision.view();
                });
    }

    private static String scope(PauseRequest request) {
        return request.doctype() == null
                ? "Site " + request.site()
                : request.doctype() + " on site " + request.site();
    }
}

package dev.sitesync.worker.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.store.Conflicts;
import dev.sitesync.worker.store.Decision;
import dev.sitesync.worker.target.Applier;

/**
 * Conflicts on this site: a synchronized copy changed here while its owner changed it too. Listed with both versions
 * and the fields that differ; resolved by a sync admin, one by one or by filter, always with a reason.
 */
@Path("/ops/v1/conflicts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ops", description = "Operations on this site's worker")
public class ConflictResource {

    private final Conflicts conflicts;
    private final Applier applier;
    private final SecurityIdentity caller;

    public ConflictResource(Conflicts conflicts, Applier applier, SecurityIdentity caller) {
        this.conflicts = conflicts;
        this.applier = applier;
        this.caller = caller;
    }

    /** How an operator resolves a conflict, and why. */
    public record Resolution(@NotNull @Pattern(regexp = "accept-source|keep-target") String resolution,
            @NotBlank @Size(max = 1000) String reason) {
    }

    /** The same resolution for every open conflict the filter selects. */
    public record BulkResolution(@NotNull @Pattern(regexp = "accept-source|keep-target") String resolution,
            @NotBlank @Size(max = 1000) String reason, @NotNull @Valid BulkAction.Filter filter) {
    }

    @GET
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<Page<Conflicts.View>> list(@QueryParam("doctype") @Pattern(regexp = DocTypeName.PATTERN) String doctype,
            @QueryParam("site") @Pattern(regexp = SiteCode.PATTERN) String site,
            @QueryParam("status") @DefaultValue("OPEN") @Pattern(regexp = "OPEN|ACCEPTED_SOURCE|KEPT_TARGET|ALL") String status,
            @QueryParam("from") OffsetDateTime from, @QueryParam("to") OffsetDateTime to,
            @QueryParam("before") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return conflicts.page(new Conflicts.Selection(doctype, site, "ALL".equals(status) ? null : status, from, to),
                before, limit).map(items -> Page.of(items, limit, Conflicts.View::id));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<Conflicts.View> get(@PathParam("id") long id) {
        return conflicts.get(id).map(view -> {
            if (view == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No conflict with this ID.");
            }
            return view;
        });
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<Conflicts.View> resolve(@PathParam("id") long id, @NotNull @Valid Resolution resolution) {
        return conflicts.resolve(id, resolution.resolution(), Operators.actor(caller), resolution.reason().strip())
                .map(ConflictResource::answer).invoke(applier::nudge);
    }

    /** Resolves every open conflict the filter selects (up to 10,000) the same way, each recorded on its own. */
    @POST
    @Path("/resolve")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<BulkAction.Result> resolveAll(@NotNull @Valid BulkResolution bulk) {
        String actor = Operators.actor(caller);
        return Operators.bulk(new BulkAction(bulk.reason(), bulk.filter()), this::select,
                id -> conflicts.resolve(id, bulk.resolution(), actor, bulk.reason().strip())).invoke(applier::nudge);
    }

    private Uni<List<Long>> select(BulkAction.Filter filter) {
        return conflicts.select(new Conflicts.Selection(filter.doctype(), filter.site(), null, filter.from(),
                filter.to()), Operators.MAX_BULK);
    }

    private static Conflicts.View answer(Decision<Conflicts.View> decision) {
        return Operators.answer(decision, "conflict", ProblemType.CONFLICT,
                view -> "Conflict " + view.id() + " was already resolved (" + view.status() + ") by " + view.resolvedBy());
    }
}

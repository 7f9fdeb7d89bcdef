package dev.sitesync.worker.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.reconcile.Reconciler;
import dev.sitesync.worker.reconcile.Repairs;
import dev.sitesync.worker.store.Reconciliations;

/**
 * Anti-entropy on this site's worker (a consumer): start a reconciliation of a doctype with its owner, read the
 * latest reports and one report's findings, and repair what one found missing or stale.
 */
@Path("/ops/v1/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ops", description = "Operations on this site's worker")
public class ReconciliationResource {

    private final Reconciler reconciler;
    private final Repairs repairs;
    private final Reconciliations store;
    private final SecurityIdentity caller;

    public ReconciliationResource(Reconciler reconciler, Repairs repairs, Reconciliations store,
            SecurityIdentity caller) {
        this.reconciler = reconciler;
        this.repairs = repairs;
        this.store = store;
        this.caller = caller;
    }

    /** What to reconcile: the owner site, the doctype, and optionally only the documents whose name starts so. */
    public record Start(@SiteCode String source,
            @NotNull @Pattern(regexp = DocTypeName.PATTERN, message = "must be a doctype name") String doctype,
            @Size(max = 140) String namePrefix) {
    }

    /** The latest reports (newest first). */
    public record Reports(List<Reconciliations.Run> reports, Long next) {
    }

    /** One report with a page of its findings ({@code next}: the following page's {@code after}). */
    public record Report(Reconciliations.Run reconciliation, List<Reconciliations.Finding> findings, Long next) {
    }

    public record Repair(@NotBlank @Size(max = 1000) String reason) {
    }

    @GET
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<Reports> latest(@QueryParam("before") @DefaultValue("0") @Min(0) long before,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit) {
        return store.latest(before, limit).map(runs -> new Reports(runs,
                runs.size() < limit ? null : runs.get(runs.size() - 1).id()));
    }

    /** 202 with the reconciliation as started; it runs on, and its report grows as it goes. */
    @POST
    @RolesAllowed(SYNC_ADMIN)
    public Uni<Response> start(@NotNull @Valid Start start) {
        return reconciler.start(start.source(), start.doctype(), start.namePrefix() == null ? "" : start.namePrefix(),
                Operators.actor(caller)).map(run -> Response.accepted(run).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<Report> report(@PathParam("id") long id,
            @QueryParam("kind") @Pattern(regexp = "MISSING|STALE|EXTRA|DUPLICATED") String kind,
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return store.get(id).flatMap(found -> {
            Reconciliations.Run run = found.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                    "No reconciliation #" + id + " on this worker; GET /ops/v1/reconciliations lists them."));
            return store.findings(id, kind, after, limit).map(findings -> new Report(run, findings,
                    findings.size() < limit ? null : findings.get(findings.size() - 1).id()));
        });
    }

    /** Asks the owner to send again every document the reconciliation found missing or stale (see {@link Repairs}). */
    @POST
    @Path("/{id}/repair")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<Repairs.Result> repair(@PathParam("id") long id, @NotNull @Valid Repair repair) {
        return repairs.repair(id, Operators.actor(caller), repair.reason().strip());
    }
}

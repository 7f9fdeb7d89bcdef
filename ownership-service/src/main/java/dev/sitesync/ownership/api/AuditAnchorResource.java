package dev.sitesync.ownership.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;
import static dev.sitesync.contracts.Roles.SYNC_WORKER;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.audit.AnchorRequest;
import dev.sitesync.contracts.audit.AuditAnchor;
import dev.sitesync.contracts.audit.ChainLoss;
import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.ownership.config.OwnershipConfig;
import dev.sitesync.ownership.store.AuditAnchors;
import dev.sitesync.ownership.store.PolicyState;
import dev.sitesync.support.auth.CallerClient;
import dev.sitesync.support.problem.ProblemException;

/**
 * Each site's sync log heads, anchored here by the site's own worker so they live outside its database: an auditor
 * compares a worker's log with them, and a rewrite of the whole log, hashes recomputed, no longer matches.
 */
@Path("/api/v1/sites/{code}/audit-anchors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit anchors", description = "Sync log heads kept outside each worker's database")
public class AuditAnchorResource {

    private final PolicyState state;
    private final AuditAnchors anchors;
    private final OwnershipConfig config;
    private final JsonWebToken token;
    private final SecurityIdentity caller;

    public AuditAnchorResource(PolicyState state, AuditAnchors anchors, OwnershipConfig config, JsonWebToken token,
            SecurityIdentity caller) {
        this.state = state;
        this.anchors = anchors;
        this.config = config;
        this.token = token;
        this.caller = caller;
    }

    /**
     * Anchors the worker's head: 201 when new, 200 when this very head was anchored already, 409
     * {@code audit-chain-conflict} when it contradicts an anchor (the entry had another hash, or the head went back).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(SYNC_WORKER)
    public Uni<Response> anchor(@PathParam("code") @SiteCode String code, @NotNull @Valid AnchorRequest request) {
        String client = siteWorker(code);
        return state.current().invoke(snapshot -> SiteResource.declared(snapshot, code))
                .flatMap(declared -> anchors.record(code, request, client))
                .map(recorded -> switch (recorded.judgement().verdict()) {
                    case ACCEPT -> Response.status(Response.Status.CREATED).entity(recorded.anchor()).build();
                    case SAME -> Response.ok(recorded.anchor()).build();
                    case CONTRADICTS -> throw new ProblemException(ProblemType.AUDIT_CHAIN_CONFLICT,
                            recorded.judgement().why());
                });
    }

    /** The site's anchors after entry {@code after}, oldest first; {@code next} is the following page's {@code after}. */
    @GET
    @RolesAllowed({SYNC_ADMIN, SRE, AUDITOR, SYNC_WORKER})
    public Uni<AuditAnchor.Page> list(@PathParam("code") @SiteCode String code,
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        readableBy(code);
        return anchors.page(code, after, limit).map(items -> new AuditAnchor.Page(items,
                items.size() == limit ? items.get(items.size() - 1).lastId() : null));
    }

    /** The site's newest anchor whose entry is not acknowledged lost; 404 before its worker anchored anything. */
    @GET
    @Path("/latest")
    @RolesAllowed({SYNC_ADMIN, SRE, AUDITOR, SYNC_WORKER})
    public Uni<AuditAnchor> latest(@PathParam("code") @SiteCode String code) {
        readableBy(code);
        return anchors.latest(code).map(latest -> latest.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "Site " + code + "'s worker has anchored no sync log head yet; it does on its schedule once its "
                        + "log has entries.")));
    }

    /**
     * A sync admin acknowledges that the site's worker lost its anchored entries after {@code afterId} for good (its
     * database was restored from a backup ending there): verification stops expecting them and resumes from there.
     * Recorded with who and why, never changed; 409 when nothing after {@code afterId} is anchored or left to
     * acknowledge.
     */
    @POST
    @Path("/losses")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(SYNC_ADMIN)
    public Uni<Response> acknowledgeLoss(@PathParam("code") @SiteCode String code,
            @NotNull @Valid ChainLoss.Acknowledgement loss) {
        String by = token.getClaim("preferred_username") instanceof String name && !name.isBlank()
                ? name
                : token.getSubject();
        return state.current().invoke(snapshot -> SiteResource.declared(snapshot, code))
                .flatMap(declared -> anchors.acknowledgeLoss(code, loss, by))
                .map(recorded -> Response.status(Response.Status.CREATED).entity(recorded).build());
    }

    /** The site's acknowledged losses, oldest first. */
    @GET
    @Path("/losses")
    @RolesAllowed({SYNC_ADMIN, SRE, AUDITOR, SYNC_WORKER})
    public Uni<List<ChainLoss>> losses(@PathParam("code") @SiteCode String code) {
        readableBy(code);
        return anchors.losses(code);
    }

    /** Only the site's own worker anchors its log: the token's client must be that worker's. */
    private String siteWorker(String code) {
        String client = CallerClient.of(token);
        String expected = CallerClient.workerOf(config.workerClient(), code);
        if (!expected.equals(client)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only site " + code + "'s worker (client " + expected
                    + ") anchors its sync log; this token was issued to " + client + ".");
        }
        return client;
    }

    /** Operators and auditors read every site's anchors; a worker only its own site's. */
    private void readableBy(String code) {
        if (!caller.hasRole(SYNC_ADMIN) && !caller.hasRole(SRE) && !caller.hasRole(AUDITOR)) {
            siteWorker(code);
        }
    }
}

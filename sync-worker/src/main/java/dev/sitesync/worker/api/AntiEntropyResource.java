package dev.sitesync.worker.api;

import static dev.sitesync.contracts.Roles.SYNC_WORKER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.auth.CallerClient;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.client.Manifest;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.EnvelopeTrust;
import dev.sitesync.worker.reconcile.Reconciler;
import dev.sitesync.worker.source.Manifests;

/**
 * Anti-entropy between workers. As an owner: a consumer's worker pages through this site's documents of a doctype
 * as it should hold them (a worker reads only its own site's manifest: the consumer named must be the caller). As a
 * consumer: an owner's worker running a full sync asks this site to reconcile the doctype with it and repair what
 * differs (the owner is the caller, never a site named in the body).
 */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal", description = "Called by the gateway and by other sites' workers")
public class AntiEntropyResource {

    private final Manifests manifests;
    private final Reconciler reconciler;
    private final PolicyCache policies;
    private final JsonWebToken token;
    private final EnvelopeTrust trust;

    public AntiEntropyResource(Manifests manifests, Reconciler reconciler, PolicyCache policies, JsonWebToken token,
            WorkerConfig config) {
        this.manifests = manifests;
        this.reconciler = reconciler;
        this.policies = policies;
        this.token = token;
        this.trust = new EnvelopeTrust(config.workerClient());
    }

    @POST
    @Path("/manifests")
    @RolesAllowed(SYNC_WORKER)
    public Uni<Manifest.Page> page(@NotNull @Valid Manifest.Request request) {
        requireCaller(trust, CallerClient.of(token), request.consumer());
        return manifests.page(request);
    }

    /** What an owner's full sync asks of a consumer. */
    public record FullSyncRequest(@NotNull @Pattern(regexp = DocTypeName.PATTERN) String doctype) {
    }

    /** 202 with the reconciliation started (repaired when it ends), or 409 when one of the doctype runs. */
    @POST
    @Path("/reconciliations")
    @RolesAllowed(SYNC_WORKER)
    public Uni<Response> fullSync(@NotNull @Valid FullSyncRequest request) {
        String caller = CallerClient.of(token);
        return policies.current().flatMap(policy -> {
            String owner = policy.ownersOf(request.doctype()).stream()
                    .filter(site -> trust.workerClientOf(site).equals(caller)).findFirst()
                    .orElseThrow(() -> new ProblemException(ProblemType.SITE_NOT_CALLERS, "Client '" + caller
                            + "' is not the worker of an owner of " + request.doctype() + " ("
                            + policy.ownersOf(request.doctype()) + "); only an owner's full sync asks a consumer to "
                            + "reconcile with it."));
            return reconciler.fullSync(owner, request.doctype());
        }).map(run -> Response.accepted(run).build());
    }

    /** A worker asks only for its own site: the token says who is calling, the body cannot change it. */
    static void requireCaller(EnvelopeTrust trust, String caller, String consumer) {
        if (!trust.workerClientOf(consumer).equals(caller)) {
            throw new ProblemException(ProblemType.SITE_NOT_CALLERS, "Client '" + caller + "' asked on behalf of site '"
                    + consumer + "', whose worker is client '" + trust.workerClientOf(consumer) + "'; a worker asks "
                    + "only for its own site. Check the calling worker's SITESYNC_SITE and client credentials.");
        }
    }
}

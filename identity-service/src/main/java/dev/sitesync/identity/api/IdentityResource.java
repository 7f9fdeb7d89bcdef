package dev.sitesync.identity.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;
import static dev.sitesync.contracts.Roles.SYNC_WORKER;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.LocalName;
import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.identity.IdentityView;
import dev.sitesync.contracts.identity.LinkBatch;
import dev.sitesync.contracts.identity.LinkLookup;
import dev.sitesync.contracts.identity.LinkRequest;
import dev.sitesync.contracts.identity.LinkResult;
import dev.sitesync.contracts.identity.ResolveRequest;
import dev.sitesync.contracts.identity.ResolveResponse;
import dev.sitesync.contracts.identity.ResolveResult;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.identity.config.IdentityConfig;
import dev.sitesync.identity.domain.DocumentKey;
import dev.sitesync.identity.domain.LinkOutcome;
import dev.sitesync.identity.domain.Resolution;
import dev.sitesync.identity.store.Identity;
import dev.sitesync.identity.store.IdentityLink;
import dev.sitesync.identity.store.IdentityStore;
import dev.sitesync.support.auth.CallerClient;
import dev.sitesync.support.problem.ProblemException;

@Path("/api/v1/identities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "identities", description = "External IDs and their links to each site's local names")
public class IdentityResource {

    private final IdentityStore store;
    private final DistributionSummary batchSizes;
    private final Counter assigned;
    private final IdentityConfig config;
    private final SecurityIdentity caller;
    private final JsonWebToken token;

    public IdentityResource(IdentityStore store, MeterRegistry registry, IdentityConfig config, SecurityIdentity caller,
            JsonWebToken token) {
        this.store = store;
        this.config = config;
        this.caller = caller;
        this.token = token;
        this.batchSizes = DistributionSummary.builder("sitesync.identity.resolve.batch.size")
                .description("Documents per resolve call").register(registry);
        this.assigned = Counter.builder("sitesync.identity.assigned").description("External IDs assigned")
                .register(registry);
    }

    /** External IDs for up to 1000 documents, assigning new ones when {@code assign} is true. Idempotent. */
    @POST
    @Path("/resolve")
    @RolesAllowed({SYNC_WORKER, SYNC_ADMIN})
    public Uni<ResolveResponse> resolve(@NotNull @Valid ResolveRequest request) {
        List<DocumentKey> keys = request.items().stream()
                .map(item -> new DocumentKey(item.site(), item.doctype(), item.localName())).toList();
        batchSizes.record(keys.size());
        return store.resolve(keys, request.assignMissing()).map(resolved -> {
            assigned.increment(resolved.values().stream().filter(Resolution::created).count());
            return new ResolveResponse(keys.stream().map(key -> result(key, resolved)).toList());
        });
    }

    @GET
    @Path("/{externalId}")
    @RolesAllowed({SYNC_WORKER, SYNC_ADMIN, SRE, AUDITOR})
    @WithSession
    public Uni<IdentityView> get(@PathParam("externalId") String externalId) {
        return view(ExternalIdParam.parse(externalId));
    }

    /** The identity of the document a site names so. */
    @GET
    @RolesAllowed({SYNC_WORKER, SYNC_ADMIN, SRE, AUDITOR})
    @WithSession
    public Uni<IdentityView> find(@QueryParam("site") @SiteCode String site,
            @QueryParam("doctype") @DocTypeName String doctype, @QueryParam("name") @LocalName String name) {
        return IdentityLink.named(site, doctype, name).flatMap(link -> {
            if (link == null) {
                throw new ProblemException(ProblemType.NOT_FOUND,
                        "No external ID for %s '%s' on site '%s'; resolve it with assign=true to create one."
                                .formatted(doctype, name, site));
            }
            return view(link.externalId);
        });
    }

    /**
     * Links the external ID to the document's name on a site. The same link again is a no-op; another is 409. A worker
     * links only on its own site (403 otherwise).
     */
    @PUT
    @Path("/{externalId}/links/{site}")
    @RolesAllowed({SYNC_WORKER, SYNC_ADMIN})
    public Uni<Response> link(@PathParam("externalId") String externalId, @PathParam("site") @SiteCode String site,
            @NotNull @Valid LinkRequest request) {
        UUID id = ExternalIdParam.parse(externalId);
        requireOwnSites(List.of(site));
        return store.link(id, site, request.localName()).map(outcome -> {
            if (outcome instanceof LinkOutcome.Linked linked) {
                return Response.status(linked.created() ? 201 : 200)
                        .entity(new LinkResult(id, site, linked.doctype(), request.localName(), linked.created())).build();
            }
            if (outcome instanceof LinkOutcome.Conflicted conflicted) {
                throw new ProblemException(ProblemType.LINK_CONFLICT, conflicted.conflict().describe());
            }
            throw notFound(id);
        });
    }

    /**
     * Links many external IDs at once, in one transaction, answered item by item in order; a conflict or an unknown ID
     * is answered for that item alone. A worker's batch naming another site than its own is refused whole (403), before
     * anything is linked.
     */
    @POST
    @Path("/links")
    @RolesAllowed({SYNC_WORKER, SYNC_ADMIN})
    public Uni<List<LinkBatch.Result>> linkAll(@NotNull @Valid LinkBatch batch) {
        requireOwnSites(batch.items().stream().map(LinkBatch.Item::site).distinct().toList());
        List<LinkBatch.Item> items = batch.items();
        return store.linkAll(items)
                .map(outcomes -> IntStream.range(0, items.size()).mapToObj(i -> result(items.get(i), outcomes.get(i)))
                        .toList());
    }

    /**
     * The names these external IDs have on one site, for those linked there; links never change, so a caller may keep
     * what it is told.
     */
    @POST
    @Path("/links/lookup")
    @RolesAllowed({SYNC_WORKER, SYNC_ADMIN, SRE, AUDITOR})
    @WithSession
    public Uni<List<LinkLookup.Found>> lookup(@NotNull @Valid LinkLookup lookup) {
        return IdentityLink.on(lookup.site(), lookup.externalIds()).map(links -> links.stream()
                .map(link -> new LinkLookup.Found(link.externalId, link.localName)).toList());
    }

    /**
     * A worker's token is bound to its site: the site's worker client links documents on that site only. Operators
     * ({@code sync-admin}) repair links on any site.
     */
    private void requireOwnSites(Collection<String> sites) {
        if (caller.hasRole(SYNC_ADMIN)) {
            return;
        }
        String client = CallerClient.of(token);
        for (String site : sites) {
            String expected = CallerClient.workerOf(config.workerClient(), site);
            if (!expected.equals(client)) {
                throw new ProblemException(ProblemType.SITE_NOT_CALLERS, "Only site " + site + "'s worker (client "
                        + expected + ") links documents on " + site + "; this token was issued to " + client
                        + ". A worker links the names it wrote on its own site; an operator with sync-admin repairs"
                        + " links elsewhere.");
            }
        }
    }

    private static LinkBatch.Result result(LinkBatch.Item item, LinkOutcome outcome) {
        if (outcome instanceof LinkOutcome.Linked linked) {
            return new LinkBatch.Result(item.externalId(), item.site(), item.localName(),
                    linked.created() ? LinkBatch.Outcome.LINKED : LinkBatch.Outcome.UNCHANGED, null);
        }
        if (outcome instanceof LinkOutcome.Conflicted conflicted) {
            return new LinkBatch.Result(item.externalId(), item.site(), item.localName(), LinkBatch.Outcome.CONFLICT,
                    conflicted.conflict().describe());
        }
        return new LinkBatch.Result(item.externalId(), item.site(), item.localName(), LinkBatch.Outcome.UNKNOWN_IDENTITY,
                "No identity " + item.externalId());
    }

    private static Uni<IdentityView> view(UUID externalId) {
        return Identity.<Identity>findById(externalId).flatMap(identity -> {
            if (identity == null) {
                throw notFound(externalId);
            }
            return IdentityLink.of(externalId).map(links -> new IdentityView(identity.externalId, identity.doctype,
                    identity.originSite, identity.originName, identity.createdAt,
                    links.stream().map(l -> new IdentityView.Link(l.site, l.localName, l.linkedAt)).toList()));
        });
    }

    private static ProblemException notFound(UUID externalId) {
        return new ProblemException(ProblemType.NOT_FOUND,
                "No identity " + externalId + "; external IDs are assigned by POST /api/v1/identities/resolve.");
    }

    private static ResolveResult result(DocumentKey key, Map<DocumentKey, Resolution> resolved) {
        Resolution resolution = resolved.get(key);
        return new ResolveResult(key.site(), key.doctype(), key.localName(),
                resolution == null ? null : resolution.externalId(), resolution != null && resolution.created());
    }
}

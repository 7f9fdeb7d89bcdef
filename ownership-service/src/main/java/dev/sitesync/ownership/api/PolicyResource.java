package dev.sitesync.ownership.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;
import static dev.sitesync.contracts.Roles.SYNC_WORKER;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.ownership.store.PolicyRevisions;
import dev.sitesync.ownership.store.PolicySnapshot;
import dev.sitesync.ownership.store.PolicyState;
import dev.sitesync.ownership.store.PolicyUpdates;
import dev.sitesync.ownership.store.PolicyUpdates.Proposal;
import dev.sitesync.ownership.store.StoredRevision;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.support.problem.ProblemResponses;

@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policy", description = "The ownership policy as code, and its immutable revisions")
public class PolicyResource {

    private final PolicyState state;
    private final PolicyUpdates updates;
    private final PolicyRevisions revisions;
    private final JsonWebToken token;
    private final ObjectMapper json;

    public PolicyResource(PolicyState state, PolicyUpdates updates, PolicyRevisions revisions, JsonWebToken token,
            ObjectMapper json) {
        this.state = state;
        this.updates = updates;
        this.revisions = revisions;
        this.token = token;
        this.json = json;
    }

    /** The policy in force, tagged with its version; {@code If-None-Match} with that tag answers 304. */
    @GET
    @RolesAllowed({SYNC_ADMIN, SYNC_WORKER, SRE, AUDITOR})
    public Uni<Response> get(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return state.current().map(snapshot -> {
            String tag = ETags.of(snapshot.policyVersion());
            if (ETags.noneMatchHits(ifNoneMatch, tag)) {
                return Response.notModified().header(HttpHeaders.ETAG, tag).build();
            }
            return Response.ok(view(snapshot)).header(HttpHeaders.ETAG, tag).build();
        });
    }

    /**
     * Applies a new policy as the next revision. {@code If-Match} must name the version it is based on: missing is
     * 428, stale is 412. An invalid document is 400 with each error's line; an owner flip without a transfer is 409.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(SYNC_ADMIN)
    public Uni<Response> put(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid PolicyUpdate update,
            HttpServerRequest request) {
        Integer basedOn = ETags.policyVersion(ifMatch);
        if (basedOn == null) {
            return Uni.createFrom().item(ProblemResponses.of(ProblemType.PRECONDITION_REQUIRED, 428,
                    "Send If-Match with the ETag of the policy version this update is based on (GET /api/v1/policy), e.g. If-Match: \"3\".",
                    null, request));
        }
        return updates.apply(new Proposal(update.document(), basedOn, author(), update.reason(), null))
                .map(revision -> Response.ok(revisionView(revision, false)).header(HttpHeaders.ETAG,
                        ETags.of(revision.version())).build());
    }

    /** Every revision, newest first, with author, reason, time and diff. */
    @GET
    @Path("/revisions")
    @RolesAllowed({SYNC_ADMIN, SRE, AUDITOR})
    public Uni<List<RevisionView>> revisions() {
        return revisions.list().map(all -> all.stream().map(revision -> revisionView(revision, false)).toList());
    }

    /** One revision, with its full document. */
    @GET
    @Path("/revisions/{version: \\d{1,9}}")
    @RolesAllowed({SYNC_ADMIN, SRE, AUDITOR})
    public Uni<RevisionView> revision(@PathParam("version") int version) {
        return revisions.find(version).map(found -> revisionView(found.orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, "No policy revision " + version + "; GET /api/v1/policy/revisions lists them.")),
                true));
    }

    private PolicyView view(PolicySnapshot snapshot) {
        StoredRevision revision = snapshot.revision();
        return new PolicyView(revision.version(), revision.author(), revision.reason(), revision.createdAt(),
                revision.document(), snapshot.document().tree());
    }

    private RevisionView revisionView(StoredRevision revision, boolean withDocument) {
        try {
            JsonNode diff = json.readTree(revision.diff());
            return new RevisionView(revision.version(), revision.author(), revision.reason(), revision.createdAt(), diff,
                    withDocument ? revision.document() : null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored diff of revision " + revision.version() + " is not JSON", e);
        }
    }

    /** The token's subject: the attributable identity, whatever name claims the issuer adds. */
    private String author() {
        return token.getSubject() != null ? token.getSubject() : token.getName();
    }
}

package dev.sitesync.worker.api;

import static dev.sitesync.contracts.Roles.GATEWAY;
import static dev.sitesync.contracts.Roles.SYNC_WORKER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.problem.Problem;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.contracts.sync.EnvelopeReceipt;
import dev.sitesync.contracts.sync.WebhookEvent;
import dev.sitesync.support.auth.CallerClient;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.EnvelopeTrust;
import dev.sitesync.worker.domain.SyncPolicy;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.metrics.WorkerMetrics;
import dev.sitesync.worker.source.Capture;
import dev.sitesync.worker.source.Resends;
import dev.sitesync.worker.store.ApplyQueue;
import dev.sitesync.worker.store.InboundEvents;
import dev.sitesync.worker.store.SyncLog;
import dev.sitesync.worker.target.Applier;
import dev.sitesync.worker.tracing.SyncTraces;

/**
 * The worker's two doors: webhook events from the gateway (its own site's changes) and envelopes from other sites'
 * workers. Both answer 202 only after what they took is committed. An envelope is taken only from the worker of the
 * site it comes from, and only for a MASTER doctype that site owns under the policy ({@link EnvelopeTrust}); a batch
 * with one envelope its sender may not send is refused whole, as one addressed to another worker is: the sender's
 * queue is ordered, and a refused head parks it for its operators rather than letting the rest slip past.
 */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal", description = "Called by the gateway and by other sites' workers")
public class InternalResource {

    /** The most envelopes, or webhook events, one batch may carry; senders send fewer. */
    public static final int MAX_BATCH = 500;

    private final WorkerConfig config;
    private final InboundEvents events;
    private final ApplyQueue queue;
    private final Capture capture;
    private final Applier applier;
    private final WorkerMetrics metrics;
    private final Resends resends;
    private final PolicyCache policies;
    private final SyncLog log;
    private final JsonWebToken token;
    private final EnvelopeTrust trust;

    public InternalResource(WorkerConfig config, InboundEvents events, ApplyQueue queue, Capture capture,
            Applier applier, WorkerMetrics metrics, Resends resends, PolicyCache policies, SyncLog log,
            JsonWebToken token) {
        this.config = config;
        this.events = events;
        this.queue = queue;
        this.capture = capture;
        this.applier = applier;
        this.metrics = metrics;
        this.resends = resends;
        this.policies = policies;
        this.log = log;
        this.token = token;
        this.trust = new EnvelopeTrust(config.workerClient());
    }

    @POST
    @Path("/events")
    @RolesAllowed(GATEWAY)
    public Uni<Response> event(@NotNull @Valid WebhookEvent event) {
        requireSite(event.site(), "site", "the gateway routes /hooks/" + event.site() + " to the wrong worker");
        return events.take(event, SyncTraces.current()).invoke(capture::nudgeEvents)
                .map(receipt -> Response.accepted(receipt).build());
    }

    /**
     * Several webhook events at once, as the gateway hands on those that arrived together: committed in one
     * transaction, answered with a receipt each, in their order.
     */
    @POST
    @Path("/event-batches")
    @RolesAllowed(GATEWAY)
    public Uni<Response> events(@NotNull @Size(min = 1, max = MAX_BATCH) List<@NotNull @Valid WebhookEvent> events) {
        events.forEach(event -> requireSite(event.site(), "site", "the gateway routes /hooks/" + event.site()
                + " to the wrong worker"));
        return this.events.takeAll(events, SyncTraces.current()).invoke(capture::nudgeEvents)
                .map(receipts -> Response.accepted(receipts).build());
    }

    @POST
    @Path("/envelopes")
    @RolesAllowed(SYNC_WORKER)
    public Uni<Response> envelope(@NotNull @Valid ChangeEnvelope envelope) {
        return accept(List.of(envelope)).map(receipts -> Response.accepted(receipts.get(0)).build());
    }

    /** Several envelopes in queue order, committed together: one request and one transaction for a whole backlog. */
    @POST
    @Path("/envelope-batches")
    @RolesAllowed(SYNC_WORKER)
    public Uni<Response> envelopes(
            @NotNull @Size(min = 1, max = MAX_BATCH) List<@NotNull @Valid ChangeEnvelope> envelopes) {
        return accept(envelopes).map(receipts -> Response.accepted(receipts).build());
    }

    private Uni<List<EnvelopeReceipt>> accept(List<ChangeEnvelope> envelopes) {
        for (ChangeEnvelope envelope : envelopes) {
            requireSite(envelope.targetSite(), "targetSite", "the sending worker's peer map points at the wrong worker");
            if (envelope.operation() == ChangeEnvelope.Operation.UPSERT && envelope.payload() == null) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "An UPSERT envelope needs a payload ("
                        + envelope.doctype() + " " + envelope.externalId() + ").");
            }
        }
        int newest = envelopes.stream().mapToInt(ChangeEnvelope::policyVersion).max().orElse(0);
        String caller = CallerClient.of(token);
        return policies.atLeast(newest).flatMap(policy -> refuseUntrusted(caller, policy, envelopes))
                .flatMap(x -> queue.accept(envelopes, this::entry))
                .invoke(receipts -> {
                    for (int i = 0; i < receipts.size(); i++) {
                        metrics.envelope(receipts.get(i).duplicate() ? "duplicate" : "received",
                                envelopes.get(i).doctype());
                    }
                })
                .invoke(applier::nudge);
    }

    /**
     * Nothing of the batch is kept when one envelope may not come from this caller: each refused envelope is logged
     * (the log says who really sent it), then the whole request is answered 403 naming each.
     */
    private Uni<Void> refuseUntrusted(String caller, SyncPolicy policy, List<ChangeEnvelope> envelopes) {
        List<AuditEntry> refused = new ArrayList<>();
        List<Problem.Violation> violations = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            ChangeEnvelope envelope = envelopes.get(i);
            Optional<EnvelopeTrust.Verdict> verdict = trust.judge(caller, policy, envelope);
            if (verdict.isPresent()) {
                String detail = verdict.get().refusal() + ": " + verdict.get().detail();
                refused.add(entry(envelope, SyncStatus.ENVELOPE_REFUSED, detail + " (sent by client " + caller + ")"));
                violations.add(new Problem.Violation(envelopes.size() == 1 ? "sourceSite" : "[" + i + "]", detail));
                metrics.envelope("untrusted", policy.classifies(envelope.doctype()) ? envelope.doctype() : "unclassified");
            }
        }
        if (refused.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return log.append(refused).invoke(() -> {
            throw new ProblemException(ProblemType.ENVELOPE_NOT_TRUSTED, refused.size() + " of " + envelopes.size()
                    + " envelopes may not come from client '" + caller + "', so none was taken: "
                    + violations.get(0).message() + " Fix the sending worker's credentials or its policy revision;"
                    + " an envelope is taken only from the worker of the site that owns the document.", violations);
        });
    }

    /**
     * A consumer asks for a document it waited too long for (the document's source is this site): it is captured and
     * queued again for that consumer. Answers 202 once queued.
     */
    @POST
    @Path("/resend")
    @RolesAllowed(SYNC_WORKER)
    public Uni<Response> resend(@NotNull @Valid ResendRequest request) {
        AntiEntropyResource.requireCaller(trust, CallerClient.of(token), request.consumer());
        return resends.resend(request.externalId(), request.consumer()).replaceWith(Response.accepted().build());
    }

    /** A document a consumer asks for again. */
    public record ResendRequest(@NotNull UUID externalId, @SiteCode String consumer) {
    }

    private void requireSite(String site, String field, String likelyCause) {
        if (!config.site().equals(site)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "This is the worker of site '" + config.site()
                    + "', not of '" + site + "' (" + field + "); " + likelyCause + ".");
        }
    }

    private AuditEntry entry(ChangeEnvelope envelope, SyncStatus status) {
        return entry(envelope, status, null);
    }

    private AuditEntry entry(ChangeEnvelope envelope, SyncStatus status, String detail) {
        return new AuditEntry(Instant.now(), envelope.externalId(), envelope.sourceSite(), config.site(),
                envelope.doctype(), null, envelope.version(), envelope.contentHash(), status, 0, detail)
                .inTrace(envelope.traceparent());
    }
}

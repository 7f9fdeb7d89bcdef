package dev.sitesync.worker.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.worker.circuit.TargetCircuits;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.Circuit;
import dev.sitesync.worker.domain.Pauses;
import dev.sitesync.worker.domain.StatusReport;
import dev.sitesync.worker.domain.StatusReport.DoctypeStatus;
import dev.sitesync.worker.domain.StatusReport.PeerStatus;
import dev.sitesync.worker.source.Capture;
import dev.sitesync.worker.source.Onboarding;
import dev.sitesync.worker.store.ApplyQueue;
import dev.sitesync.worker.store.InboundEvents;
import dev.sitesync.worker.store.Outbox;
import dev.sitesync.worker.store.SchemaStates;
import dev.sitesync.worker.store.SitePauses;
import dev.sitesync.worker.store.SyncOverview;

/** What operators do with a worker: onboard its site, start a full sync, see its state. */
@Path("/ops/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "ops", description = "Operations on this site's worker")
public class OpsResource {

    private final WorkerConfig config;
    private final Onboarding onboarding;
    private final Capture capture;
    private final Outbox outbox;
    private final ApplyQueue queue;
    private final InboundEvents events;
    private final SyncOverview overview;
    private final TargetCircuits circuits;
    private final SitePauses pauses;
    private final SchemaStates schemas;

    public OpsResource(WorkerConfig config, Onboarding onboarding, Capture capture, Outbox outbox,
            ApplyQueue queue, InboundEvents events, SyncOverview overview, TargetCircuits circuits,
            SitePauses pauses, SchemaStates schemas) {
        this.pauses = pauses;
        this.schemas = schemas;
        this.config = config;
        this.onboarding = onboarding;
        this.capture = capture;
        this.outbox = outbox;
        this.queue = queue;
        this.events = events;
        this.overview = overview;
        this.circuits = circuits;
    }

    /** Idempotent: checks the site, creates what is missing (custom field, webhooks), reports to ownership-service. */
    @POST
    @Path("/onboard")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<Onboarding.Report> onboard() {
        return onboarding.run();
    }

    public record FullSyncRequest(@DocTypeName String doctype) {
    }

    /** Reads every document of the doctype again, page by page, resumable; never beside its incremental cycle. */
    @POST
    @Path("/full-sync")
    @RolesAllowed(SYNC_ADMIN)
    public Uni<Response> fullSync(@NotNull @Valid FullSyncRequest request) {
        return capture.startFullSync(request.doctype())
                .map(x -> Response.accepted(Map.of("doctype", request.doctype(), "status", "started")).build());
    }

    /**
     * @param doctypes target side: per doctype, documents applied, tasks waiting, conflicts and dead letters open, lag
     * @param peers source side: per consumer and doctype, deliveries pending and parked, lag
     * @param circuits every target this worker called and whether it takes calls: the site (writes) and each peer's
     *        worker (deliveries); work for a target whose circuit is open waits, and is counted above as pending
     * @param paused the pauses in force (site, doctype or null for all, since when, by whom, why); what they cover waits
     *        in the queues above
     * @param schemaMismatches doctypes not applied here because this site's meta no longer takes what is sent
     */
    public record Status(String site, Map<String, Long> outboxPending, Map<String, Long> applyTasks, long eventsPending,
            List<DoctypeStatus> doctypes, List<PeerStatus> peers, List<CircuitStatus> circuits,
            List<Pauses.Pause> paused, List<SchemaResource.View> schemaMismatches) {
    }

    /** One target's circuit as an operator reads it. */
    public record CircuitStatus(String target, String state, String reason, Instant openedAt, Instant nextProbeAt,
            String lastError) {

        static CircuitStatus of(Circuit circuit) {
            return new CircuitStatus(circuit.target(), circuit.state().name(), circuit.reason(), circuit.openedAt(),
                    circuit.nextProbeAt(), circuit.lastError());
        }
    }

    @GET
    @Path("/status")
    @RolesAllowed({SRE, AUDITOR, SYNC_ADMIN})
    public Uni<Status> status() {
        Uni<List<DoctypeStatus>> doctypes = overview.applied().flatMap(applied -> overview.inbound()
                .flatMap(inbound -> overview.deadOpen().map(dead -> StatusReport.doctypes(applied, inbound, dead))));
        Uni<List<PeerStatus>> peers = overview.routes()
                .flatMap(routes -> overview.outbound().map(open -> StatusReport.peers(routes, open)));
        Uni<List<CircuitStatus>> targets = circuits.all()
                .map(all -> all.stream().map(CircuitStatus::of).toList());
        Uni<List<SchemaResource.View>> mismatches = schemas.all()
                .map(all -> all.stream().filter(SchemaStates.State::mismatched).map(SchemaResource.View::of).toList());
        return outbox.depth().flatMap(depth -> queue.counts().flatMap(tasks -> events.pendingCount()
                .flatMap(pending -> doctypes.flatMap(perDoctype -> peers.flatMap(perPeer -> targets
                        .flatMap(perTarget -> pauses.current().flatMap(inForce -> mismatches.map(parked -> new Status(
                                config.site(), depth, tasks, pending, perDoctype, perPeer, perTarget, inForce.pauses(),
                                parked)))))))));
    }
}

package dev.sitesync.ownership.api;

import static dev.sitesync.contracts.Roles.SYNC_ADMIN;
import static dev.sitesync.contracts.Roles.SYNC_WORKER;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.ownership.Decision;
import dev.sitesync.contracts.ownership.DecisionBatch;
import dev.sitesync.contracts.ownership.DecisionItem;
import dev.sitesync.contracts.ownership.DecisionResponse;
import dev.sitesync.contracts.ownership.RefusalReason;
import dev.sitesync.ownership.domain.DecisionRequest;
import dev.sitesync.ownership.store.PolicySnapshot;
import dev.sitesync.ownership.store.PolicyState;

@Path("/api/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "decisions", description = "May a change sync, and to whom: asked by each worker before it sends")
public class DecisionResource {

    private static final Logger LOG = Logger.getLogger(DecisionResource.class);
    private static final String DECISIONS = "sitesync.ownership.decisions";

    private final PolicyState state;
    private final DistributionSummary batchSizes;
    private final Counter allowed;
    private final Map<RefusalReason, Counter> refused = new EnumMap<>(RefusalReason.class);

    public DecisionResource(PolicyState state, MeterRegistry registry) {
        this.state = state;
        this.batchSizes = DistributionSummary.builder("sitesync.ownership.decisions.batch.size")
                .description("Changes per decision call").register(registry);
        this.allowed = Counter.builder(DECISIONS).tag("outcome", "allow").tag("reason", "none")
                .description("Decisions made").register(registry);
        for (RefusalReason reason : RefusalReason.values()) {
            refused.put(reason, Counter.builder(DECISIONS).tag("outcome", "refuse").tag("reason", reason.name())
                    .description("Decisions made").register(registry));
        }
    }

    /** Decides up to 1000 changes; with {@code explain=true} each decision lists the rules that made it. */
    @POST
    @RolesAllowed({SYNC_WORKER, SYNC_ADMIN})
    public Uni<DecisionResponse> decide(@QueryParam("explain") boolean explain, @NotNull @Valid DecisionBatch batch) {
        batchSizes.record(batch.items().size());
        return state.current().map(snapshot -> new DecisionResponse(snapshot.policyVersion(), snapshot.sitesVersion(),
                decideAll(snapshot, batch.items(), explain)));
    }

    private List<Decision> decideAll(PolicySnapshot snapshot, List<DecisionItem> items, boolean explain) {
        return items.stream().map(item -> {
            Decision decision = snapshot.engine().decide(
                    new DecisionRequest(item.sourceSite(), item.doctype(), item.scope(), item.operation()), explain);
            recordOutcome(decision, item, snapshot.policyVersion());
            return decision;
        }).toList();
    }

    private void recordOutcome(Decision decision, DecisionItem item, int policyVersion) {
        if (decision.outcome() == Decision.Outcome.ALLOW) {
            allowed.increment();
            return;
        }
        refused.get(decision.reason()).increment();
        if (decision.reason() == RefusalReason.OWNERSHIP_VIOLATION) {
            LOG.warnf("OWNERSHIP_VIOLATION refused (policy version %d): %s %s from %s: %s", policyVersion,
                    item.operation(), item.doctype(), item.sourceSite(), decision.detail());
        }
    }
}

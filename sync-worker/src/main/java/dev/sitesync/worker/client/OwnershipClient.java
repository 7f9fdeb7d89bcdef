package dev.sitesync.worker.client;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import dev.sitesync.contracts.ownership.DecisionBatch;
import dev.sitesync.contracts.ownership.DecisionItem;
import dev.sitesync.contracts.ownership.DecisionResponse;
import dev.sitesync.worker.config.WorkerConfig;

/** ownership-service: the policy in force and the decision for each change. */
@ApplicationScoped
public class OwnershipClient {

    private final ServiceCalls calls;
    private final String base;

    public OwnershipClient(ServiceCalls calls, WorkerConfig config) {
        this.calls = calls;
        this.base = config.services().ownershipUrl();
    }

    /** The policy view ({@code version}, {@code policy} as JSON). */
    public Uni<JsonNode> policy() {
        return calls.call(HttpMethod.GET, base + "/api/v1/policy", null, JsonNode.class);
    }

    /** Decisions for up to {@link DecisionBatch#MAX_ITEMS} changes, in order. */
    public Uni<DecisionResponse> decide(List<DecisionItem> items) {
        return decide(items, null);
    }

    /** The same, in the trace of {@code traceparent} when given one. */
    public Uni<DecisionResponse> decide(List<DecisionItem> items, String traceparent) {
        return calls.call(HttpMethod.POST, base + "/api/v1/decisions", new DecisionBatch(items), DecisionResponse.class,
                traceparent);
    }

    /** Records what the site runs, as onboarding found it. */
    public Uni<JsonNode> reportOnboarding(String site, Object report) {
        return calls.call(HttpMethod.PUT, base + "/api/v1/sites/" + site + "/onboarding", report, JsonNode.class);
    }
}

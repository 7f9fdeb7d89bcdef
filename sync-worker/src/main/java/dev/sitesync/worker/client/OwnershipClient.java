package dev.sitesync.worker.client;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.ownership.Decision;
import dev.sitesync.contracts.ownership.DecisionBatch;
import dev.sitesync.contracts.ownership.DecisionItem;
import dev.sitesync.contracts.ownership.DecisionResponse;

/**
 * ownership-service: the policy in force and the decision for each change. Every failure arrives as a
 * {@link ServiceCallException} naming the call.
 */
@ApplicationScoped
public class OwnershipClient {

    private final OwnershipApi api;

    public OwnershipClient(@RestClient OwnershipApi api) {
        this.api = api;
    }

    /** The policy view ({@code version}, {@code policy} as JSON). */
    public Uni<JsonNode> policy() {
        return api.policy().onFailure().transform(e -> ServiceCallException.of("ownership-service policy", e));
    }

    public Uni<DecisionResponse> decide(List<DecisionItem> items) {
        return decide(items, null);
    }

    /**
     * Decisions for the changes, in order, in the trace of {@code traceparent} when given one; more than
     * {@link DecisionBatch#MAX_ITEMS} are asked in chunks. The answer names the newest policy version its chunks were
     * decided under: one version, unless the policy changed between two chunks of one batch.
     */
    public Uni<DecisionResponse> decide(List<DecisionItem> items, String traceparent) {
        return Multi.createFrom().iterable(Chunks.of(items, DecisionBatch.MAX_ITEMS))
                .onItem().transformToUniAndConcatenate(chunk -> api.decide(new DecisionBatch(chunk), traceparent)
                        .onFailure().transform(e -> ServiceCallException.of("ownership-service decide", e)))
                .collect().asList()
                .map(responses -> {
                    List<Decision> decisions = new ArrayList<>();
                    int policyVersion = 0;
                    long sitesVersion = 0;
                    for (DecisionResponse response : responses) {
                        decisions.addAll(response.decisions());
                        policyVersion = Math.max(policyVersion, response.policyVersion());
                        sitesVersion = Math.max(sitesVersion, response.sitesVersion());
                    }
                    return new DecisionResponse(policyVersion, sitesVersion, decisions);
                });
    }

    /** Records what the site runs, as onboarding found it. */
    public Uni<JsonNode> reportOnboarding(String site, Object report) {
        return api.reportOnboarding(site, report)
                .onFailure().transform(e -> ServiceCallException.of("ownership-service onboarding report", e));
    }
}

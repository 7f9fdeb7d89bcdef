package dev.sitesync.worker.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.identity.IdentityKey;
import dev.sitesync.contracts.identity.IdentityView;
import dev.sitesync.contracts.identity.LinkBatch;
import dev.sitesync.contracts.identity.LinkLookup;
import dev.sitesync.contracts.identity.LinkRequest;
import dev.sitesync.contracts.identity.LinkResult;
import dev.sitesync.contracts.identity.ReferenceRequest;
import dev.sitesync.contracts.identity.ReferenceView;
import dev.sitesync.contracts.identity.ResolveRequest;
import dev.sitesync.contracts.identity.ResolveResponse;
import dev.sitesync.contracts.identity.ResolveResult;

/**
 * identity-service: external IDs, their links to local names, and references. Every failure arrives as a
 * {@link ServiceCallException} naming the call.
 */
@ApplicationScoped
public class IdentityClient {

    private final IdentityApi api;

    public IdentityClient(@RestClient IdentityApi api) {
        this.api = api;
    }

    public Uni<ResolveResponse> resolve(List<IdentityKey> keys, boolean assign) {
        return resolve(keys, assign, null);
    }

    /**
     * External IDs of the keys, in order; assigned at first sight when {@code assign}; in a trace when given one. Any
     * number of keys: identity-service takes at most {@link ResolveRequest#MAX_ITEMS} per request, so more are asked
     * in chunks, one after the other.
     */
    public Uni<ResolveResponse> resolve(List<IdentityKey> keys, boolean assign, String traceparent) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(new ResolveResponse(List.of()));
        }
        return Multi.createFrom().iterable(Chunks.of(keys, ResolveRequest.MAX_ITEMS))
                .onItem().transformToUniAndConcatenate(chunk -> api.resolve(new ResolveRequest(chunk, assign), traceparent)
                        .onFailure().transform(e -> ServiceCallException.of("identity-service resolve", e)))
                .collect().in(ArrayList<ResolveResult>::new, (all, response) -> all.addAll(response.results()))
                .map(ResolveResponse::new);
    }

    /** The identity with its links, or empty when identity-service does not know it. */
    public Uni<Optional<IdentityView>> get(UUID externalId) {
        return api.get(externalId).map(Optional::of)
                .onFailure().transform(e -> ServiceCallException.of("identity-service get " + externalId, e))
                .onFailure(e -> ((ServiceCallException) e).status() == 404).recoverWithItem(Optional.empty());
    }

    /** The names these external IDs have on the site, for those linked there; asked in chunks, one after the other. */
    public Uni<Map<UUID, String>> localNames(String site, List<UUID> externalIds) {
        return Multi.createFrom().iterable(Chunks.of(externalIds, LinkLookup.MAX_ITEMS))
                .onItem().transformToUniAndConcatenate(chunk -> api.lookup(new LinkLookup(site, chunk))
                        .onFailure().transform(e -> ServiceCallException.of("identity-service link lookup", e)))
                .collect().in(HashMap<UUID, String>::new, (names, found) -> found.forEach(link -> names.put(
                        link.externalId(), link.localName())))
                .map(names -> names);
    }

    public Uni<LinkResult> link(UUID externalId, String site, String localName) {
        return api.link(externalId, site, new LinkRequest(localName))
                .onFailure().transform(e -> ServiceCallException.of("identity-service link " + externalId, e));
    }

    /** Links many external IDs to their names on sites at once; answered item by item, in order. */
    public Uni<List<LinkBatch.Result>> linkAll(List<LinkBatch.Item> items) {
        return api.linkAll(new LinkBatch(items))
                .onFailure().transform(e -> ServiceCallException.of("identity-service link batch", e));
    }

    public Uni<ReferenceView> reference(String site, String doctype, String name, ReferenceRequest state) {
        return api.reference(site, doctype, name, state)
                .onFailure().transform(e -> ServiceCallException.of("identity-service reference " + doctype + " '"
                        + name + "'", e));
    }
}

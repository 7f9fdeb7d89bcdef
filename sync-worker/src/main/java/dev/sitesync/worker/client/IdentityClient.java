package dev.sitesync.worker.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import dev.sitesync.contracts.identity.IdentityKey;
import dev.sitesync.contracts.identity.IdentityView;
import dev.sitesync.contracts.identity.LinkBatch;
import dev.sitesync.contracts.identity.LinkRequest;
import dev.sitesync.contracts.identity.LinkResult;
import dev.sitesync.contracts.identity.ReferenceRequest;
import dev.sitesync.contracts.identity.ReferenceView;
import dev.sitesync.contracts.identity.ResolveRequest;
import dev.sitesync.contracts.identity.ResolveResponse;
import dev.sitesync.worker.config.WorkerConfig;

/** identity-service: external IDs, their links to local names, and references. */
@ApplicationScoped
public class IdentityClient {

    private static final JavaType LINK_RESULTS = TypeFactory.defaultInstance().constructCollectionType(List.class,
            LinkBatch.Result.class);

    private final ServiceCalls calls;
    private final String base;

    public IdentityClient(ServiceCalls calls, WorkerConfig config) {
        this.calls = calls;
        this.base = config.services().identityUrl();
    }

    public Uni<ResolveResponse> resolve(List<IdentityKey> keys, boolean assign) {
        return resolve(keys, assign, null);
    }

    /** External IDs of the keys, in order; assigned at first sight when {@code assign}; in a trace when given one. */
    public Uni<ResolveResponse> resolve(List<IdentityKey> keys, boolean assign, String traceparent) {
        return calls.call(HttpMethod.POST, base + "/api/v1/identities/resolve", new ResolveRequest(keys, assign),
                ResolveResponse.class, traceparent);
    }

    /** The identity with its links, or empty when identity-service does not know it. */
    public Uni<Optional<IdentityView>> get(UUID externalId) {
        return calls.call(HttpMethod.GET, base + "/api/v1/identities/" + externalId, null, IdentityView.class)
                .map(Optional::of)
                .onFailure(e -> e instanceof ServiceCallException call && call.status() == 404)
                .recoverWithItem(Optional.empty());
    }

    public Uni<LinkResult> link(UUID externalId, String site, String localName) {
        return calls.call(HttpMethod.PUT, base + "/api/v1/identities/" + externalId + "/links/" + site,
                new LinkRequest(localName), LinkResult.class);
    }

    /** Links many external IDs to their names on sites at once; answered item by item, in order. */
    public Uni<List<LinkBatch.Result>> linkAll(List<LinkBatch.Item> items) {
        return calls.call(HttpMethod.POST, base + "/api/v1/identities/links", new LinkBatch(items), LINK_RESULTS, null);
    }

    public Uni<ReferenceView> reference(String site, String doctype, String name, ReferenceRequest state) {
        return calls.call(HttpMethod.PUT, base + "/api/v1/references/" + site + "/" + encode(doctype) + "/" + encode(name),
                state, ReferenceView.class);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.sitesync.worker.client;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import dev.sitesync.contracts.audit.AnchorRequest;
import dev.sitesync.contracts.audit.AuditAnchor;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.ChainAnchor;

/**
 * This site's sync log heads as ownership-service keeps them, outside the worker's own database. A head that
 * contradicts one anchored before is refused there with 409 ({@link #contradicts}).
 */
@ApplicationScoped
public class AnchorClient {

    private final ServiceCalls calls;
    private final String anchors;

    public AnchorClient(ServiceCalls calls, WorkerConfig config) {
        this.calls = calls;
        this.anchors = config.services().ownershipUrl() + "/api/v1/sites/" + config.site() + "/audit-anchors";
    }

    /** The newest anchor, or empty before the first. */
    public Uni<Optional<ChainAnchor>> latest() {
        return calls.call(HttpMethod.GET, anchors + "/latest", null, AuditAnchor.class)
                .map(anchor -> Optional.of(toChain(anchor)))
                .onFailure(e -> e instanceof ServiceCallException call && call.status() == 404)
                .recoverWithItem(Optional.empty());
    }

    /**
     * A page of anchors of entries after {@code afterId}, oldest first, with those of entries acknowledged lost (a
     * restored database) marked: verification no longer expects those.
     */
    public Uni<List<AuditAnchor>> after(long afterId, int limit) {
        return calls.call(HttpMethod.GET, anchors + "?after=" + afterId + "&limit=" + limit, null, AuditAnchor.Page.class)
                .map(AuditAnchor.Page::items);
    }

    /** Anchors a head; the same head again is accepted as it was. */
    public Uni<ChainAnchor> anchor(AnchorRequest head) {
        return calls.call(HttpMethod.POST, anchors, head, AuditAnchor.class).map(AnchorClient::toChain);
    }

    /** Whether the failure is ownership-service refusing a head that contradicts an anchor. */
    public static boolean contradicts(Throwable failure) {
        return failure instanceof ServiceCallException call && call.status() == 409;
    }

    public static ChainAnchor toChain(AuditAnchor anchor) {
        return new ChainAnchor(anchor.lastId(), anchor.lastHash(), anchor.anchoredAt().toInstant());
    }
}

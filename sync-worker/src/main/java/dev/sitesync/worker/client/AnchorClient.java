package dev.sitesync.worker.client;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

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

    private final OwnershipApi api;
    private final String site;

    public AnchorClient(@RestClient OwnershipApi api, WorkerConfig config) {
        this.api = api;
        this.site = config.site();
    }

    /** The newest anchor, or empty before the first. */
    public Uni<Optional<ChainAnchor>> latest() {
        return api.latestAnchor(site)
                .onFailure().transform(e -> ServiceCallException.of("ownership-service latest anchor", e))
                .map(anchor -> Optional.of(toChain(anchor)))
                .onFailure(e -> e instanceof ServiceCallException call && call.status() == 404)
                .recoverWithItem(Optional.empty());
    }

    /**
     * A page of anchors of entries after {@code afterId}, oldest first, with those of entries acknowledged lost (a
     * restored database) marked: verification no longer expects those.
     */
    public Uni<List<AuditAnchor>> after(long afterId, int limit) {
        return api.anchorsAfter(site, afterId, limit)
                .onFailure().transform(e -> ServiceCallException.of("ownership-service anchors", e))
                .map(AuditAnchor.Page::items);
    }

    /** Anchors a head; the same head again is accepted as it was. */
    public Uni<ChainAnchor> anchor(AnchorRequest head) {
        return api.anchor(site, head)
                .onFailure().transform(e -> ServiceCallException.of("ownership-service anchor", e))
                .map(AnchorClient::toChain);
    }

    /** Whether the failure is ownership-service refusing a head that contradicts an anchor. */
    public static boolean contradicts(Throwable failure) {
        return failure instanceof ServiceCallException call && call.status() == 409;
    }

    public static ChainAnchor toChain(AuditAnchor anchor) {
        return new ChainAnchor(anchor.lastId(), anchor.lastHash(), anchor.anchoredAt().toInstant());
    }
}

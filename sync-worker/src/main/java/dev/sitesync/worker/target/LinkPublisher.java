package dev.sitesync.worker.target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.identity.LinkBatch;
import dev.sitesync.worker.client.IdentityClient;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.store.DocStates;
import dev.sitesync.worker.store.SyncLog;

/**
 * Tells identity-service the names documents were written under on this site, in batches and apart from the writes:
 * a write is recorded the moment the site confirms it, so identity-service being away never turns our own write into
 * a retry. A link identity-service refuses (links never change) is logged once for an operator and not offered again.
 */
@ApplicationScoped
public class LinkPublisher {

    private static final Logger LOG = Logger.getLogger(LinkPublisher.class);
    private static final int BATCH = 500;

    private final DocStates states;
    private final IdentityClient identities;
    private final SyncLog log;
    private final WorkerConfig config;

    public LinkPublisher(DocStates states, IdentityClient identities, SyncLog log, WorkerConfig config) {
        this.states = states;
        this.identities = identities;
        this.log = log;
        this.config = config;
    }

    @Scheduled(every = "${sitesync.worker.links.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publish() {
        return states.unlinked(BATCH).flatMap(unlinked -> unlinked.isEmpty()
                ? Uni.createFrom().voidItem()
                : identities.linkAll(unlinked.stream().map(link -> new LinkBatch.Item(link.externalId(), config.site(),
                        link.localName())).toList()).flatMap(results -> recorded(unlinked, results)))
                .onFailure().invoke(e -> LOG.warnf("Publishing links to identity-service failed, retried: %s",
                        e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> recorded(List<DocStates.Unlinked> unlinked, List<LinkBatch.Result> results) {
        List<AuditEntry> refused = new ArrayList<>();
        for (LinkBatch.Result result : results) {
            if (result.outcome() == LinkBatch.Outcome.CONFLICT || result.outcome() == LinkBatch.Outcome.UNKNOWN_IDENTITY) {
                LOG.warnf("identity-service refused the link of %s to '%s' on %s: %s", result.externalId(),
                        result.localName(), config.site(), result.detail());
                refused.add(new AuditEntry(Instant.now(), result.externalId(), config.site(), config.site(), "",
                        result.localName(), null, null, SyncStatus.LINK_REFUSED, 0, result.detail()));
            }
        }
        return states.linked(unlinked).flatMap(x -> log.append(refused));
    }
}

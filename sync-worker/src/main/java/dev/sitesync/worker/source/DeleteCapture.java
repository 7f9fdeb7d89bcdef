package dev.sitesync.worker.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.identity.IdentityKey;
import dev.sitesync.contracts.identity.ResolveResult;
import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.worker.client.IdentityClient;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.client.SiteZone;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.ContentHash;
import dev.sitesync.worker.domain.EnvelopePlanner;
import dev.sitesync.worker.domain.SyncPolicy;
import dev.sitesync.worker.store.Outbox;

/**
 * Deletes, captured from {@code Deleted Document} rows: each consumer that received the document gets a DELETE
 * envelope (it disables its copy; nothing is hard-deleted). Documents never synchronized have no external ID and are
 * skipped; a consumer whose last envelope was the deletion gets nothing more. The deletes of a doctype are queued under
 * that doctype's capture lease, so a capture of the document read just before it was deleted cannot be queued after
 * (and be taken for newer than) its deletion.
 */
@ApplicationScoped
public class DeleteCapture {

    static final String DELETED_DOCUMENT = "Deleted Document";
    static final List<String> FIELDS = List.of("name", "modified", "deleted_doctype", "deleted_name");

    private final WorkerConfig config;
    private final PolicyCache policies;
    private final IdentityClient identities;
    private final Outbox outbox;
    private final SiteZone zone;
    private final EnvelopeQueue queue;
    private final CaptureLease leases;

    public DeleteCapture(WorkerConfig config, PolicyCache policies, IdentityClient identities, Outbox outbox,
            SiteZone zone, EnvelopeQueue queue, CaptureLease leases) {
        this.config = config;
        this.policies = policies;
        this.identities = identities;
        this.outbox = outbox;
        this.zone = zone;
        this.queue = queue;
        this.leases = leases;
    }

    /** @param rows {@code Deleted Document} rows with {@link #FIELDS} */
    public Uni<Void> capture(List<ObjectNode> rows) {
        return policies.current().flatMap(policy -> {
            Map<String, List<ObjectNode>> owned = new LinkedHashMap<>();
            rows.stream().filter(row -> policy.isOwnedMaster(config.site(), row.path("deleted_doctype").asText()))
                    .forEach(row -> owned.computeIfAbsent(row.path("deleted_doctype").asText(), d -> new ArrayList<>())
                            .add(row));
            return Multi.createFrom().iterable(owned.entrySet())
                    .onItem().transformToUniAndConcatenate(deleted -> leases.runWaiting(deleted.getKey(),
                            config.capture().dependencyWait(), held -> capture(held, policy, deleted.getValue())))
                    .collect().last().replaceWithVoid();
        });
    }

    /** Deletes of documents of the lease's doctype. */
    private Uni<Void> capture(CaptureLease.Held lease, SyncPolicy policy, List<ObjectNode> owned) {
        List<IdentityKey> keys = owned.stream().map(row -> new IdentityKey(config.site(),
                row.path("deleted_doctype").asText(), row.path("deleted_name").asText())).toList();
        return identities.resolve(keys, false).flatMap(resolved -> {
            List<ResolveResult> known = resolved.results().stream().filter(r -> r.externalId() != null).toList();
            if (known.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return outbox.sentHashes(known.stream().map(ResolveResult::externalId).toList())
                    .flatMap(sent -> zone.current().flatMap(siteZone -> {
                        EnvelopePlanner planner = new EnvelopePlanner(config.site(), policy.version(), siteZone,
                                Instant.now());
                        List<ChangeEnvelope> envelopes = new ArrayList<>();
                        List<AuditEntry> audit = new ArrayList<>();
                        for (int i = 0; i < owned.size(); i++) {
                            ResolveResult identity = resolved.results().get(i);
                            if (identity.externalId() == null) {
                                continue;
                            }
                            String version = owned.get(i).path("modified").asText();
                            sent.forEach((key, hash) -> {
                                if (key.externalId().equals(identity.externalId()) && !ContentHash.DELETED.equals(hash)) {
                                    ChangeEnvelope envelope = planner.delete(identity.externalId(), identity.doctype(),
                                            identity.localName(), key.consumer(), version);
                                    envelopes.add(envelope);
                                    audit.add(AuditEntry.queued(envelope, Instant.now(), "delete"));
                                }
                            });
                        }
                        return queue.queue(lease, envelopes, audit);
                    }));
        });
    }
}

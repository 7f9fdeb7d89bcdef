package dev.sitesync.worker.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.identity.IdentityKey;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.DocMeta;
import dev.sitesync.worker.store.Outbox;
import dev.sitesync.worker.store.SitePauses;

/**
 * Dependencies first: before documents go out, every document they link to that this site owns and some of their
 * consumers have not received yet is captured, so it is queued (and delivered) ahead of them. Each dependency is
 * captured under its own doctype's lease, waiting for it while that doctype's lane runs, so two captures of one doctype
 * never run at once. A dependency whose doctype is paused on this site is not captured: the dependant goes out and
 * waits on the consumer for it, and it follows in its own lane once its doctype is resumed.
 */
@ApplicationScoped
public class DependencyCapture {

    /** Deeper chains (a dependency's dependency's dependency) are left to the consumers' wait for dependencies. */
    static final int MAX_DEPTH = 3;

    /** How a chain captures a batch of one doctype's documents: the pipeline, one level down. */
    @FunctionalInterface
    interface Capturer {

        Uni<Void> capture(CaptureChain chain, String doctype, List<String> names);
    }

    private final WorkerConfig config;
    private final Outbox outbox;
    private final CaptureLease leases;
    private final SitePauses pauses;

    public DependencyCapture(WorkerConfig config, Outbox outbox, CaptureLease leases, SitePauses pauses) {
        this.config = config;
        this.outbox = outbox;
        this.leases = leases;
        this.pauses = pauses;
    }

    /**
     * @param links per document, its Link values this site owns and sends
     * @param ids the external IDs of those values
     * @param consumers every consumer the documents go to
     */
    public Uni<Void> captureFirst(CaptureChain chain, Map<ObjectNode, List<DocMeta.LinkValue>> links,
            Map<IdentityKey, UUID> ids, Set<String> consumers, Capturer capturer) {
        if (chain.depth() >= MAX_DEPTH || consumers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, DocMeta.LinkValue> needed = new LinkedHashMap<>();
        links.values().forEach(values -> values.forEach(link -> needed.put(ids.get(new IdentityKey(config.site(),
                link.doctype(), link.value())), link)));
        needed.remove(null);
        if (needed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return outbox.sentHashes(List.copyOf(needed.keySet())).flatMap(sent -> pauses.current().flatMap(paused -> {
            Map<String, Set<String>> missing = new LinkedHashMap<>();
            needed.forEach((externalId, link) -> {
                if (!consumers.stream().allMatch(consumer -> sent.containsKey(new Outbox.SentKey(externalId, consumer)))) {
                    missing.computeIfAbsent(link.doctype(), d -> new LinkedHashSet<>()).add(link.value());
                }
            });
            missing.keySet().removeIf(paused::capturePaused);
            return Multi.createFrom().iterable(missing.entrySet())
                    .onItem().transformToUniAndConcatenate(dependency -> underLease(chain, dependency.getKey(),
                            new ArrayList<>(dependency.getValue()), capturer))
                    .collect().last().replaceWithVoid();
        }));
    }

    private Uni<Void> underLease(CaptureChain chain, String doctype, List<String> names, Capturer capturer) {
        return chain.leaseOf(doctype)
                .map(held -> capturer.capture(chain.deeper(held), doctype, names))
                .orElseGet(() -> leases.runWaiting(doctype, config.capture().dependencyWait(),
                        held -> capturer.capture(chain.deeper(held), doctype, names)));
    }
}

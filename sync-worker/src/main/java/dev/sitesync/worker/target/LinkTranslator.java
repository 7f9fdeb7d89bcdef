package dev.sitesync.worker.target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.worker.client.IdentityClient;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.store.DocStates;

/**
 * Replaces each Link dependency's source name with this site's name for the same external ID: from this worker's own
 * record of what it applied, and for documents it did not write (masters the site had before) from identity-service,
 * asked once for all of a document's unknown dependencies. Links never change, so what identity-service answered is
 * kept (for the most recently used ones) and looked at first: a master the site had before costs one lookup, not one
 * per document.
 */
@ApplicationScoped
public class LinkTranslator {

    private static final int KNOWN_LINKS = 50_000;

    private final DocStates states;
    private final IdentityClient identities;
    private final WorkerConfig config;
    private final Map<UUID, String> known = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {

        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
            return size() > KNOWN_LINKS;
        }
    });

    public LinkTranslator(DocStates states, IdentityClient identities, WorkerConfig config) {
        this.states = states;
        this.identities = identities;
        this.config = config;
    }

    /** The payload with this site's names, or the first dependency that has none here yet. */
    public record Translated(ObjectNode payload, Optional<UUID> missing) {
    }

    public Uni<Translated> translate(ChangeEnvelope envelope) {
        ObjectNode payload = envelope.payload().deepCopy();
        List<ChangeEnvelope.LinkDependency> dependencies = envelope.dependencies() == null
                ? List.of()
                : envelope.dependencies();
        if (dependencies.isEmpty()) {
            return Uni.createFrom().item(new Translated(payload, Optional.empty()));
        }
        Map<UUID, String> names = new HashMap<>();
        List<UUID> unknown = new ArrayList<>();
        for (ChangeEnvelope.LinkDependency dependency : dependencies) {
            String kept = known.get(dependency.externalId());
            if (kept != null) {
                names.put(dependency.externalId(), kept);
            } else if (!unknown.contains(dependency.externalId())) {
                unknown.add(dependency.externalId());
            }
        }
        // masters the site had before (most Links: an Item's group and unit) are known without a query
        Uni<Map<UUID, String>> found = unknown.isEmpty()
                ? Uni.createFrom().item(names)
                // the names this worker wrote the dependencies under; links never change, so a known name stays right
                : states.localNames(unknown).flatMap(written -> {
                    names.putAll(written);
                    return fromIdentityService(unknown, names);
                });
        return found.map(all -> {
            for (ChangeEnvelope.LinkDependency dependency : dependencies) {
                String name = all.get(dependency.externalId());
                if (name == null) {
                    return new Translated(payload, Optional.of(dependency.externalId()));
                }
                LinkPaths.set(payload, dependency.path(), name);
            }
            return new Translated(payload, Optional.empty());
        });
    }

    /** The names with those of the dependencies this worker did not write, as identity-service knows them. */
    private Uni<Map<UUID, String>> fromIdentityService(List<UUID> asked, Map<UUID, String> names) {
        List<UUID> unknown = asked.stream().filter(id -> !names.containsKey(id)).toList();
        if (unknown.isEmpty()) {
            return Uni.createFrom().item(names);
        }
        return identities.localNames(config.site(), unknown).map(found -> {
            known.putAll(found);
            names.putAll(found);
            return names;
        });
    }
}

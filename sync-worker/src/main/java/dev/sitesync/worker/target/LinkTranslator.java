package dev.sitesync.worker.target;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.identity.IdentityView;
import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.worker.client.IdentityClient;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.store.DocStates;

/**
 * Replaces each Link dependency's source name with this site's name for the same external ID: from this worker's own
 * record of what it applied, and from identity-service for documents it did not write (masters the site had before).
 */
@ApplicationScoped
public class LinkTranslator {

    private final DocStates states;
    private final IdentityClient identities;
    private final WorkerConfig config;

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
        // the names this worker wrote the dependencies under; links never change, so a known name stays right
        return states.localNames(dependencies.stream().map(ChangeEnvelope.LinkDependency::externalId).toList())
                .map(HashMap::new)
                .flatMap(names -> Multi.createFrom().iterable(dependencies)
                        .filter(dependency -> !names.containsKey(dependency.externalId()))
                        .onItem().transformToUniAndConcatenate(dependency -> identities.get(dependency.externalId())
                                .invoke(view -> view.flatMap(this::localName)
                                        .ifPresent(name -> names.put(dependency.externalId(), name))))
                        .collect().last()
                        .map(x -> {
                            for (ChangeEnvelope.LinkDependency dependency : dependencies) {
                                String name = names.get(dependency.externalId());
                                if (name == null) {
                                    return new Translated(payload, Optional.of(dependency.externalId()));
                                }
                                LinkPaths.set(payload, dependency.path(), name);
                            }
                            return new Translated(payload, Optional.empty());
                        }));
    }

    private Optional<String> localName(IdentityView identity) {
        return identity.links().stream().filter(link -> link.site().equals(config.site()))
                .map(IdentityView.Link::localName).findFirst();
    }
}

package dev.sitesync.worker.source;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.identity.IdentityView;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.client.IdentityClient;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.store.Outbox;

/**
 * A consumer that waited too long for a document asks its source to send it again: the source forgets what it sent
 * that consumer and captures the document now, so its current version is queued as if it had never been sent.
 */
@ApplicationScoped
public class Resends {

    private final WorkerConfig config;
    private final IdentityClient identities;
    private final Outbox outbox;
    private final SourcePipeline pipeline;
    private final CaptureLease leases;

    public Resends(WorkerConfig config, IdentityClient identities, Outbox outbox, SourcePipeline pipeline,
            CaptureLease leases) {
        this.config = config;
        this.identities = identities;
        this.outbox = outbox;
        this.pipeline = pipeline;
        this.leases = leases;
    }

    public Uni<Void> resend(UUID externalId, String consumer) {
        return identities.get(externalId).flatMap(found -> {
            IdentityView identity = found.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                    "No identity " + externalId + "; nothing to send again."));
            String name = identity.links().stream().filter(link -> link.site().equals(config.site()))
                    .map(IdentityView.Link::localName).findFirst()
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, identity.doctype() + " "
                            + externalId + " has no document on " + config.site() + "; ask its owner."));
            return outbox.forgetSent(externalId, consumer)
                    .flatMap(x -> leases.runWaiting(identity.doctype(), config.capture().dependencyWait(),
                            held -> pipeline.capture(held, List.of(name))));
        });
    }
}

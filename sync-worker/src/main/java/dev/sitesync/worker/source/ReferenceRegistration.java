package dev.sitesync.worker.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.identity.ReferenceRequest;
import dev.sitesync.worker.client.IdentityClient;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.store.LoggedSteps;
import dev.sitesync.worker.store.SyncLog;

/**
 * REFERENCE_ONLY documents (transactions): their state goes to identity-service, nothing to any site; each version
 * is registered and logged once.
 */
@ApplicationScoped
public class ReferenceRegistration {

    private static final int CONCURRENCY = 8;

    private final WorkerConfig config;
    private final IdentityClient identities;
    private final SyncLog log;
    private final LoggedSteps logged;

    public ReferenceRegistration(WorkerConfig config, IdentityClient identities, SyncLog log, LoggedSteps logged) {
        this.config = config;
        this.identities = identities;
        this.log = log;
        this.logged = logged;
    }

    public Uni<Void> register(String doctype, List<ObjectNode> documents, Map<String, String> traces) {
        if (documents.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return logged.of(doctype, documents.stream().map(d -> d.path("name").asText()).toList(), SyncStatus.REFERENCED)
                .flatMap(steps -> {
                    List<ObjectNode> fresh = documents.stream().filter(d -> !steps.contains(new LoggedSteps.Step(
                            d.path("name").asText(), d.path("modified").asText(), SyncStatus.REFERENCED))).toList();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return Multi.createFrom().iterable(fresh)
                            .onItem().transformToUni(document -> registerOne(doctype, document, traces))
                            .merge(CONCURRENCY).collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> registerOne(String doctype, ObjectNode document, Map<String, String> traces) {
        String name = document.path("name").asText();
        ReferenceRequest state = new ReferenceRequest(text(document, "status"),
                document.hasNonNull("docstatus") ? document.get("docstatus").asInt() : null,
                document.hasNonNull("grand_total") ? document.get("grand_total").decimalValue() : null,
                text(document, "currency"), document.path("modified").asText());
        return identities.reference(config.site(), doctype, name, state)
                .flatMap(view -> log.append(new AuditEntry(Instant.now(), view.externalId(), config.site(), null,
                        doctype, name, state.modified(), null, SyncStatus.REFERENCED, 0, state.status())
                        .inTrace(traces.get(name))));
    }

    private static String text(JsonNode document, String field) {
        return document.hasNonNull(field) ? document.get(field).asText() : null;
    }
}

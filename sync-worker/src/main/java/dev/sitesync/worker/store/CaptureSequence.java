package dev.sitesync.worker.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.sync.ChangeEnvelope;

/**
 * Numbers captured versions from one PostgreSQL sequence, strictly increasing over everything this worker captures:
 * the envelopes of one version (one per consumer) share its number, and a document's later version always gets a
 * larger one. A consumer orders one source's versions of a document by it.
 */
@ApplicationScoped
public class CaptureSequence {

    private record Version(UUID externalId, String version) {
    }

    /** The envelopes, in their order, each carrying its version's number; taken inside the queueing transaction. */
    public Uni<List<ChangeEnvelope>> number(SqlConnection connection, List<ChangeEnvelope> envelopes) {
        List<Version> versions = envelopes.stream().map(e -> new Version(e.externalId(), e.version())).distinct().toList();
        if (versions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return connection.preparedQuery("select nextval('capture_sequence') as n from generate_series(1, $1)")
                .execute(Tuple.of(versions.size()))
                .map(rows -> {
                    List<Long> numbers = new ArrayList<>();
                    rows.forEach(row -> numbers.add(row.getLong("n")));
                    numbers.sort(Long::compare);
                    Map<Version, Long> byVersion = new HashMap<>();
                    for (int i = 0; i < versions.size(); i++) {
                        byVersion.put(versions.get(i), numbers.get(i));
                    }
                    return envelopes.stream().map(e -> numbered(e, byVersion.get(new Version(e.externalId(),
                            e.version())))).toList();
                });
    }

    private static ChangeEnvelope numbered(ChangeEnvelope e, long sequence) {
        return new ChangeEnvelope(e.externalId(), e.doctype(), e.sourceSite(), e.sourceName(), e.targetSite(),
                e.version(), e.contentHash(), e.operation(), e.payload(), e.localFields(), e.dependencies(),
                e.policyVersion(), e.changedAt(), e.traceparent(), sequence);
    }
}

package dev.sitesync.worker.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the source side needs to know of the documents this worker wrote to its own site (as a consumer): their names
 * here and the {@code modified} our last write produced, to tell them from local edits and copies.
 */
@ApplicationScoped
public class AppliedDocuments {

    /** This site's copy of a document: its name here, and its {@code modified} right after our last write. */
    public record Copy(String localName, String writtenModified) {
    }

    private final Pool pool;

    public AppliedDocuments(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<UUID, Copy>> byExternalIds(List<UUID> externalIds) {
        if (externalIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select external_id, local_name, written_modified from doc_state where external_id = any($1)")
                .execute(Tuple.of(externalIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Copy> copies = new HashMap<>();
                    rows.forEach(row -> copies.put(row.getUUID("external_id"),
                            new Copy(row.getString("local_name"), row.getString("written_modified"))));
                    return copies;
                });
    }
}

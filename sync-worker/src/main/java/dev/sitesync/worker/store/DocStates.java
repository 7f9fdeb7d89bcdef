package dev.sitesync.worker.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the target side knows of each document besides its queue: the name it wrote it under here, and whether
 * identity-service has been told that name (links are published in batches, apart from the writes).
 */
@ApplicationScoped
public class DocStates {

    private final Pool pool;

    public DocStates(Pool pool) {
        this.pool = pool;
    }

    /** This site's copy of a document: its name here, and its {@code modified} right after our last write. */
    public record Copy(String localName, String writtenModified) {
    }

    /**
     * The copies of these documents SiteSync wrote here, for the source side: to tell them from local edits and from
     * copies a user made of them.
     */
    public Uni<Map<UUID, Copy>> copies(List<UUID> externalIds) {
        if (externalIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select external_id, local_name, written_modified from doc_state where external_id = any($1)")
                .execute(Tuple.of(externalIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, Copy> copies = new HashMap<>();
                    rows.forEach(row -> copies.put(row.getUUID("external_id"),
                            new Copy(row.getString("local_name"), row.getString("written_modified"))));
                    return copies;
                });
    }

    /** A document written here whose name identity-service does not know yet. */
    public record Unlinked(UUID externalId, String localName) {
    }

    /** The names these documents were written under here, for those written here. */
    public Uni<Map<UUID, String>> localNames(List<UUID> externalIds) {
        return pool.preparedQuery("select external_id, local_name from doc_state where external_id = any($1) "
                + "and local_name is not null").execute(Tuple.of(externalIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, String> names = new HashMap<>();
                    rows.forEach(row -> names.put(row.getUUID("external_id"), row.getString("local_name")));
                    return names;
                });
    }

    public Uni<List<Unlinked>> unlinked(int limit) {
        return pool.preparedQuery("""
                select external_id, local_name from doc_state
                 where local_name is not null and (linked_name is null or linked_name <> local_name)
                 order by updated_at limit $1""").execute(Tuple.of(limit)).map(rows -> {
            List<Unlinked> unlinked = new ArrayList<>();
            rows.forEach(row -> unlinked.add(new Unlinked(row.getUUID("external_id"), row.getString("local_name"))));
            return unlinked;
        });
    }

    /** Records that identity-service knows these names (unless a document was renamed here meanwhile). */
    public Uni<Void> linked(List<Unlinked> published) {
        if (published.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("update doc_state set linked_name = $2 where external_id = $1 and local_name = $2")
                .executeBatch(published.stream().map(link -> Tuple.of(link.externalId(), link.localName())).toList())
                .replaceWithVoid();
    }
}

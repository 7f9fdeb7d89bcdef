package dev.sitesync.worker.store;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.domain.SyncStatus;

/**
 * What the sync log already says about documents of this site, so a step recorded once (a refusal, a reference) is not
 * recorded again when the overlap window or a full sync reads the same version.
 */
@ApplicationScoped
public class LoggedSteps {

    /** One logged step: a document's version and what happened to it. */
    public record Step(String localName, String version, SyncStatus status) {
    }

    private final Pool pool;

    public LoggedSteps(Pool pool) {
        this.pool = pool;
    }

    /** The steps of these statuses the log holds for these documents of the doctype. */
    public Uni<Set<Step>> of(String doctype, List<String> names, SyncStatus... statuses) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery("""
                select local_name, version, status from sync_log
                 where doctype = $1 and local_name = any($2) and status = any($3)""")
                .execute(Tuple.of(doctype, names.toArray(String[]::new),
                        Arrays.stream(statuses).map(Enum::name).toArray(String[]::new)))
                .map(rows -> {
                    Set<Step> logged = new HashSet<>();
                    rows.forEach(row -> logged.add(new Step(row.getString("local_name"), row.getString("version"),
                            SyncStatus.valueOf(row.getString("status")))));
                    return logged;
                });
    }
}

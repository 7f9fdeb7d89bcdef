package dev.sitesync.worker.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.domain.DeadLetterReason;
import dev.sitesync.worker.domain.SyncStatus;

/**
 * Dead letters of the source side: documents of this site that cannot be captured as they are. They have no apply
 * task; each (document, version, reason) is open once however often the document is read again, and recorded with its
 * log row in the same transaction. An operator's retry captures the document again ({@link DeadLetters#retry}).
 */
@ApplicationScoped
public class CaptureDeadLetters {

    /** One document version that cannot be captured, and why. */
    public record Entry(String doctype, String localName, String version, DeadLetterReason reason, String detail,
            String traceparent) {
    }

    private final SyncLog log;

    public CaptureDeadLetters(SyncLog log) {
        this.log = log;
    }

    /** Records the entries not recorded before; answers those that are new. */
    public Uni<List<Entry>> record(SqlConnection connection, String site, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Entry> fresh = new ArrayList<>();
        return Multi.createFrom().iterable(entries)
                .onItem()
                .transformToUniAndConcatenate(entry -> connection
                        .preparedQuery(
                                """
                                        insert into dead_letter (doctype, local_name, version, reason, detail)
                                        values ($1, $2, $3, $4, $5)
                                        on conflict (doctype, local_name, version, reason) where task_id is null and resolved_at is null do nothing
                                        returning id""")
                        .execute(Tuple.of(entry.doctype(), entry.localName(), entry.version(), entry.reason().name(),
                                entry.detail()))
                        .invoke(rows -> {
                            if (rows.size() == 1) {
                                fresh.add(entry);
                            }
                        }))
                .collect().last()
                .flatMap(x -> log.append(connection, fresh.stream().map(entry -> AuditEntry.refused(Instant.now(), site,
                        entry.doctype(), entry.localName(), entry.version(), SyncStatus.DEAD_LETTER,
                        entry.reason() + ": " + entry.detail()).inTrace(entry.traceparent())).toList()))
                .replaceWith(fresh);
    }
}

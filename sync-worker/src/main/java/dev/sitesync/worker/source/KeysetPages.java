package dev.sitesync.worker.source;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.KeysetCursor;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.worker.client.SyncUser;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.HandledVersions;
import dev.sitesync.worker.store.Checkpoints;

/**
 * Walks a doctype's rows in {@code (modified, name)} order for the poll and for full syncs: hands each page to the
 * pipeline, then saves the checkpoint after it, under the capture lease (a capture that lost its lease moves no
 * checkpoint). Rows this process already handled at the same {@code modified} are not handed again: the overlap
 * window re-reads them every cycle, and reading each again would cost a request per row. Rows last modified by the
 * sync user are this worker's own writes (only it writes as that user): they are passed by, never read.
 */
@ApplicationScoped
public class KeysetPages {

    private final WorkerConfig config;
    private final FrappeClient site;
    private final SourcePipeline pipeline;
    private final DeleteCapture deletes;
    private final Checkpoints checkpoints;
    private final Pool pool;
    private final SyncUser syncUser;
    private final Map<String, String> handled = HandledVersions.synchronizedOf(50_000);

    public KeysetPages(WorkerConfig config, FrappeClient site, SourcePipeline pipeline, DeleteCapture deletes,
            Checkpoints checkpoints, Pool pool, SyncUser syncUser) {
        this.config = config;
        this.site = site;
        this.pipeline = pipeline;
        this.deletes = deletes;
        this.checkpoints = checkpoints;
        this.pool = pool;
        this.syncUser = syncUser;
    }

    /**
     * Handles up to {@code maxPages} pages after the cursor (and only rows matching {@code bound}, when given),
     * saving the checkpoint of {@code capture} after each; stops at the end. Answers how many rows were handed to the
     * pipeline.
     *
     * @param fresh sees each page's rows that are new to this process, before they are handled
     */
    public Uni<Integer> walk(CaptureLease.Held lease, String capture, KeysetCursor after, Filter bound, int maxPages,
            Consumer<List<ObjectNode>> fresh) {
        String doctype = lease.doctype();
        ListQuery fields = ListQuery.of(doctype).fields(DeleteCapture.DELETED_DOCUMENT.equals(doctype)
                ? DeleteCapture.FIELDS
                : List.of("name", "modified", "modified_by"));
        ListQuery query = bound == null ? fields : fields.where(bound);
        return site.listAfter(query, after, config.poll().pageSize()).flatMap(page -> {
            List<ObjectNode> unseen = page.rows().stream().filter(row -> !isHandled(doctype, row)).toList();
            fresh.accept(unseen);
            return handle(lease, unseen)
                    .flatMap(x -> pool.withTransaction(connection -> lease.check(connection)
                            .flatMap(y -> checkpoints.save(connection, doctype, capture, page.next(),
                                    Checkpoints.FULL.equals(capture) && page.complete()))))
                    .flatMap(x -> page.complete() || maxPages <= 1 || page.rows().isEmpty()
                            ? Uni.createFrom().item(unseen.size())
                            : walk(lease, capture, page.next(), bound, maxPages - 1, fresh)
                                    .map(more -> unseen.size() + more));
        });
    }

    /** Records that this version of the document was captured (by any way), so pages skip it. */
    public void remember(String doctype, String name, String modified) {
        handled.put(doctype + "/" + name, modified);
    }

    private boolean isHandled(String doctype, ObjectNode row) {
        return row.path("modified").asText().equals(handled.get(doctype + "/" + row.path("name").asText()));
    }

    private Uni<Void> handle(CaptureLease.Held lease, List<ObjectNode> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> captured = DeleteCapture.DELETED_DOCUMENT.equals(lease.doctype())
                ? deletes.capture(rows)
                : syncUser.name().flatMap(user -> {
                    // our own writes, known from the row alone: reading each back only to set it aside costs the
                    // site a request per applied document
                    List<String> changed = rows.stream().filter(row -> !user.equals(row.path("modified_by").asText()))
                            .map(row -> row.path("name").asText()).toList();
                    return changed.isEmpty() ? Uni.createFrom().voidItem() : pipeline.capture(lease, changed);
                });
        return captured.invoke(() -> rows.forEach(row -> remember(lease.doctype(), row.path("name").asText(),
                row.path("modified").asText())));
    }

    /** The page after which a doctype seen for the first time is polled: its newest document. */
    public Uni<KeysetCursor> newest(String doctype) {
        return site.list(ListQuery.of(doctype).fields("name", "modified").orderBy("modified desc, name desc").limit(0, 1))
                .map(rows -> rows.isEmpty() ? null : KeysetCursor.of(rows.get(0)));
    }
}

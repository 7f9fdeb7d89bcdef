package dev.sitesync.worker.api;

import static dev.sitesync.contracts.Roles.AUDITOR;
import static dev.sitesync.contracts.Roles.SRE;
import static dev.sitesync.contracts.Roles.SYNC_ADMIN;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

import dev.sitesync.worker.audit.ChainVerification;
import dev.sitesync.worker.audit.ChainVerification.Start;
import dev.sitesync.worker.audit.ChainVerification.Verification;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.store.AuditEntries;
import dev.sitesync.worker.store.AuditEntries.View;
import dev.sitesync.worker.store.AuditPartitions;

/**
 * The sync log for auditors, read-only: search it, export it, verify its hash chain, see its months. Exports are
 * streamed a page at a time and bounded per request; the next request continues after the last entry received.
 */
@Path("/ops/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({AUDITOR, SRE, SYNC_ADMIN})
@Tag(name = "audit", description = "The sync log for auditors: search, export, verification, months")
public class AuditResource {

    /** Entries read from the database per page of an export. */
    private static final int EXPORT_PAGE = 1000;

    private final AuditEntries entries;
    private final AuditPartitions partitions;
    private final ChainVerification verification;
    private final AuditExport export;
    private final String site;

    public AuditResource(AuditEntries entries, AuditPartitions partitions, ChainVerification verification,
            ObjectMapper json, WorkerConfig config) {
        this.entries = entries;
        this.partitions = partitions;
        this.verification = verification;
        this.export = new AuditExport(json);
        this.site = config.site();
    }

    /** Entries the query selects, newest first; {@code next} is the following page's {@code before}. */
    @GET
    @Path("/entries")
    public Uni<Page<View>> search(@Valid @BeanParam AuditQuery query, @QueryParam("before") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return entries.newestFirst(query.filter(), before, limit).map(items -> Page.of(items, limit, View::id));
    }

    /** Up to {@code limit} entries after entry {@code after}, oldest first, as CSV with a header line. */
    @GET
    @Path("/export.csv")
    @Produces(AuditExport.CSV)
    public RestMulti<Buffer> exportCsv(@Valid @BeanParam AuditQuery query,
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("10000") @Min(1) @Max(100_000) int limit) {
        Multi<Buffer> rows = pages(query.filter(), after, limit).map(export::csv);
        return file(Multi.createBy().concatenating().streams(Multi.createFrom().item(export.csvHeader()), rows), after,
                "csv");
    }

    /** Up to {@code limit} entries after entry {@code after}, oldest first, one JSON object a line. */
    @GET
    @Path("/export.jsonl")
    @Produces(AuditExport.JSON_LINES)
    public RestMulti<Buffer> exportJsonLines(@Valid @BeanParam AuditQuery query,
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("10000") @Min(1) @Max(100_000) int limit) {
        return file(pages(query.filter(), after, limit).map(export::jsonLines), after, "jsonl");
    }

    /**
     * Walks the hash chain against the heads anchored with ownership-service and names the first entry that fails or
     * that no anchor proves any more. {@code from=latest} resumes at the newest anchor, {@code from=<id>} at an anchored
     * entry; without it the whole log is walked.
     */
    @GET
    @Path("/verify")
    public Uni<Verification> verify(
            @QueryParam("from") @Pattern(regexp = "latest|[1-9][0-9]{0,17}", message = "must be latest or an anchored entry's id") String from) {
        Start start = from == null
                ? new Start.Genesis()
                : from.equals("latest") ? new Start.LatestAnchor() : new Start.Anchored(Long.parseLong(from));
        return verification.verify(start);
    }

    /** The log's months, oldest first: archived (sealed read-only, with what they held) or open. */
    @GET
    @Path("/months")
    public Uni<List<AuditPartitions.Month>> months() {
        return partitions.all();
    }

    private Multi<List<View>> pages(AuditEntries.Filter filter, long after, int limit) {
        return Multi.createBy().repeating().uni(() -> new ExportCursor(after, limit), cursor -> cursor.next(filter))
                .until(List::isEmpty);
    }

    private RestMulti<Buffer> file(Multi<Buffer> content, long after, String extension) {
        return RestMulti.fromMultiData(content).header("Content-Disposition", "attachment; filename=\"sync-log-" + site
                + "-after-" + after + "." + extension + "\"").build();
    }

    /** Where an export stands: the last entry sent and how many it may still send. */
    private final class ExportCursor {

        private long after;
        private int remaining;

        ExportCursor(long after, int limit) {
            this.after = after;
            this.remaining = limit;
        }

        Uni<List<View>> next(AuditEntries.Filter filter) {
            if (remaining == 0) {
                return Uni.createFrom().item(List.of());
            }
            int asked = Math.min(EXPORT_PAGE, remaining);
            return entries.oldestFirst(filter, after, asked).invoke(page -> {
                remaining = page.size() < asked ? 0 : remaining - page.size();
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).id();
                }
            });
        }
    }
}

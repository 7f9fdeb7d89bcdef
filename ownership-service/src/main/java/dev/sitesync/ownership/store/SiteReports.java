package dev.sitesync.ownership.store;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.ownership.domain.SiteReport;
import dev.sitesync.ownership.domain.SiteReport.DoctypeMeta;
import dev.sitesync.ownership.domain.Version;

/** The SQL of {@code site_onboarding}: one row per site, replaced by each new report. */
@ApplicationScoped
public class SiteReports {

    private static final String UPSERT = """
            insert into site_onboarding (site, versions, doctypes, recorded_by)
            values ($1, $2, $3, $4)
            on conflict (site) do update
               set versions = excluded.versions, doctypes = excluded.doctypes, recorded_by = excluded.recorded_by,
                   recorded_at = now(), generation = nextval('site_onboarding_generation')
            returning site, versions, doctypes, recorded_by, recorded_at, generation""";

    private final Pool pool;

    public SiteReports(Pool pool) {
        this.pool = pool;
    }

    public Uni<StoredReport> record(SiteReport report, String recordedBy) {
        JsonObject versions = new JsonObject();
        report.versions().forEach((app, version) -> versions.put(app, version.text()));
        JsonObject doctypes = new JsonObject();
        report.doctypes().forEach((doctype, meta) -> doctypes.put(doctype,
                new JsonObject().put("metaHash", meta.metaHash()).put("externalIdField", meta.externalIdField())));
        return pool.preparedQuery(UPSERT).execute(Tuple.of(report.site(), versions, doctypes, recordedBy))
                .map(rows -> toReport(rows.iterator().next()));
    }

    /** Every site's latest report, by site code. */
    public Uni<Map<String, StoredReport>> all() {
        return pool.query("select site, versions, doctypes, recorded_by, recorded_at, generation from site_onboarding")
                .execute().map(rows -> {
                    Map<String, StoredReport> reports = new LinkedHashMap<>();
                    rows.forEach(row -> reports.put(row.getString("site"), toReport(row)));
                    return reports;
                });
    }

    private static StoredReport toReport(Row row) {
        Map<String, Version> versions = new LinkedHashMap<>();
        row.getJsonObject("versions").forEach(entry -> versions.put(entry.getKey(), Version.parse((String) entry.getValue())));
        Map<String, DoctypeMeta> doctypes = new LinkedHashMap<>();
        row.getJsonObject("doctypes").forEach(entry -> {
            JsonObject meta = (JsonObject) entry.getValue();
            doctypes.put(entry.getKey(), new DoctypeMeta(meta.getString("metaHash"), meta.getBoolean("externalIdField")));
        });
        return new StoredReport(new SiteReport(row.getString("site"), versions, doctypes), row.getString("recorded_by"),
                row.getOffsetDateTime("recorded_at"), row.getLong("generation"));
    }
}

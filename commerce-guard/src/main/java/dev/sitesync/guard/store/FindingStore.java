package dev.sitesync.guard.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.guard.domain.Sentiment;
import dev.sitesync.guard.domain.Severity;

/**
 * Findings of audits and payments, kept once per (site, rule, subject): a finding keeps the message and evidence it was
 * first found with; every sighting, the first included, is added to its sightings, and the latest evidence is also on
 * the finding, so what changed since is plain.
 */
@Singleton
public class FindingStore {

    private static final TypeReference<Map<String, Object>> EVIDENCE = new TypeReference<>() {
    };

    private static final String UPSERT = """
            insert into finding (site, source, rule, subject, sentiment, severity, message, evidence)
            select site, source, rule, subject, sentiment, severity, message, evidence::jsonb
            from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
                        $7::text[], $8::text[]) as f (site, source, rule, subject, sentiment, severity, message, evidence)
            on conflict (site, rule, subject) do update
               set last_evidence = excluded.evidence, last_seen_at = now(), times_seen = finding.times_seen + 1
            returning id, (xmax = 0) as created""";

    private static final String SIGHTINGS = """
            insert into finding_sighting (finding_id, evidence)
            select id, evidence::jsonb from unnest($1::bigint[], $2::text[]) as s (id, evidence)""";

    private static final String PAGE = """
            select id, site, source, rule, subject, sentiment, severity, message, evidence::text as evidence,
                   coalesce(last_evidence, evidence)::text as last_evidence, first_seen_at, last_seen_at, times_seen
            from finding
            where ($1::varchar is null or site = $1) and ($2::varchar is null or rule = $2)
              and ($3::varchar is null or source = $3) and ($4::varchar is null or severity = $4)
              and ($5::timestamptz is null or last_seen_at >= $5) and ($6::bigint is null or id < $6)
            order by id desc
            limit $7""";

    private final Pool pool;
    private final JsonColumns json;

    public FindingStore(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    /** Records the findings; answers how many were new (the rest were seen before). */
    public Uni<Integer> record(List<SiteFinding> found) {
        if (found.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // one row per key and statement: PostgreSQL refuses to update a row twice in one upsert
        Map<List<String>, SiteFinding> byKey = new LinkedHashMap<>();
        found.forEach(f -> byKey.put(List.of(f.site(), f.finding().rule(), truncate(f.subject())), f));
        List<SiteFinding> findings = List.copyOf(byKey.values());
        int size = findings.size();
        String[] sites = new String[size], sources = new String[size], rules = new String[size],
                subjects = new String[size], sentiments = new String[size], severities = new String[size],
                messages = new String[size], evidence = new String[size];
        for (int i = 0; i < size; i++) {
            SiteFinding f = findings.get(i);
            sites[i] = f.site();
            sources[i] = f.source();
            rules[i] = f.finding().rule();
            subjects[i] = truncate(f.subject());
            sentiments[i] = f.finding().sentiment().name();
            severities[i] = f.finding().severity().name();
            messages[i] = f.finding().message();
            evidence[i] = json.write(f.finding().evidence());
        }
        return pool.withTransaction(connection -> connection.preparedQuery(UPSERT)
                .execute(Tuple.from(new Object[]{sites, sources, rules, subjects, sentiments, severities, messages, evidence}))
                .flatMap(rows -> {
                    // RETURNING gives the rows in the order of the input, one per finding
                    Long[] ids = new Long[size];
                    int created = 0;
                    int i = 0;
                    for (Row row : rows) {
                        ids[i++] = row.getLong("id");
                        created += row.getBoolean("created") ? 1 : 0;
                    }
                    int createdCount = created;
                    return connection.preparedQuery(SIGHTINGS).execute(Tuple.of(ids, evidence))
                            .map(sighted -> createdCount);
                }));
    }

    /** The sightings of a finding, newest first, at most {@code limit}. */
    public Uni<List<Sighting>> sightings(long findingId, int limit) {
        return pool.preparedQuery("""
                select seen_at, evidence::text as evidence from finding_sighting where finding_id = $1
                order by id desc limit $2""").execute(Tuple.of(findingId, limit)).map(rows -> {
            List<Sighting> sightings = new ArrayList<>();
            for (Row row : rows) {
                sightings.add(new Sighting(row.getOffsetDateTime("seen_at"),
                        json.read(row.getString("evidence"), EVIDENCE)));
            }
            return sightings;
        });
    }

    /** Forgets sightings older than {@code kept}, up to {@code limit}; the findings stay. */
    public Uni<Integer> purgeSightings(Duration kept, int limit) {
        return pool.preparedQuery("""
                delete from finding_sighting where id in (select id from finding_sighting
                    where seen_at < now() - $1::bigint * interval '1 millisecond' limit $2)""")
                .execute(Tuple.of(kept.toMillis(), limit)).map(rows -> rows.rowCount());
    }

    /** One time a finding was seen, with what it looked like then. */
    public record Sighting(OffsetDateTime seenAt, Map<String, Object> evidence) {
    }

    public Uni<List<FindingView>> page(FindingQuery query) {
        return pool.preparedQuery(PAGE).execute(Tuple.from(new Object[]{query.site(), query.rule(), query.source(),
                query.severity(), query.seenSince(), query.before(), query.limit()})).map(rows -> {
                    List<FindingView> page = new ArrayList<>();
                    for (Row row : rows) {
                        page.add(new FindingView(row.getLong("id"), row.getString("site"), row.getString("source"),
                                row.getString("rule"), row.getString("subject"),
                                Sentiment.valueOf(row.getString("sentiment")),
                                Severity.valueOf(row.getString("severity")), row.getString("message"),
                                json.read(row.getString("evidence"), EVIDENCE),
                                json.read(row.getString("last_evidence"), EVIDENCE), row.getOffsetDateTime("first_seen_at"),
                                row.getOffsetDateTime("last_seen_at"), row.getInteger("times_seen")));
                    }
                    return page;
                });
    }

    private static String truncate(String subject) {
        return subject.length() <= 400 ? subject : subject.substring(0, 400);
    }
}

package dev.sitesync.guard.store;

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

/** Findings of audits and payments, kept once per (site, rule, subject) and counted each time they are seen again. */
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
               set sentiment = excluded.sentiment, severity = excluded.severity, message = excluded.message,
                   evidence = excluded.evidence, last_seen_at = now(), times_seen = finding.times_seen + 1
            returning (xmax = 0) as created""";

    private static final String PAGE = """
            select id, site, source, rule, subject, sentiment, severity, message, evidence::text as evidence,
                   first_seen_at, last_seen_at, times_seen
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
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.from(new Object[]{sites, sources, rules, subjects, sentiments, severities, messages, evidence}))
                .map(rows -> {
                    int created = 0;
                    for (Row row : rows) {
                        created += row.getBoolean("created") ? 1 : 0;
                    }
                    return created;
                });
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
                                json.read(row.getString("evidence"), EVIDENCE), row.getOffsetDateTime("first_seen_at"),
                                row.getOffsetDateTime("last_seen_at"), row.getInteger("times_seen")));
                    }
                    return page;
                });
    }

    private static String truncate(String subject) {
        return subject.length() <= 400 ? subject : subject.substring(0, 400);
    }
}

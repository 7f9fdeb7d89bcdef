package dev.sitesync.worker.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.domain.SchemaDrift;
import dev.sitesync.worker.domain.SchemaFingerprint;

/**
 * Each synchronized doctype's schema on this site: the baseline it was last known compatible with, and whether it
 * still is ({@code schema_state}); every change seen and every operator's decision ({@code schema_change}, kept).
 */
@ApplicationScoped
public class SchemaStates {

    public static final String COMPATIBLE = "COMPATIBLE";
    public static final String MISMATCH = "MISMATCH";
    /** Envelopes whose payloads tell which fields the owners send (the newest per doctype). */
    private static final int SENT_SAMPLE = 50;
    private static final TypeReference<Map<String, SchemaFingerprint.Field>> FIELDS = new TypeReference<>() {
    };

    /** A doctype's schema as this worker last checked it. */
    public record State(String doctype, SchemaFingerprint baseline, String baselineHash, String currentHash,
            String status, JsonNode differences, OffsetDateTime checkedAt, OffsetDateTime mismatchSince) {

        public boolean mismatched() {
            return MISMATCH.equals(status);
        }
    }

    /** Why a schema state changed: who looked ({@code onboarding}, {@code schedule}, {@code operator}) and why. */
    public record Cause(String kind, String actor, String reason) {

        public static final Cause SCHEDULE = new Cause("schedule", null, null);
        public static final Cause ONBOARDING = new Cause("onboarding", null, null);

        public static Cause operator(String actor, String reason) {
            return new Cause("operator", actor, reason);
        }

        /** An operator's decision is recorded even when the schema did not move. */
        public boolean byOperator() {
            return "operator".equals(kind);
        }
    }

    private final Pool pool;
    private final ObjectMapper json;

    public SchemaStates(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Optional<State>> find(String doctype) {
        return pool.preparedQuery("select * from schema_state where doctype = $1").execute(Tuple.of(doctype))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(state(rows.iterator().next())));
    }

    public Uni<List<State>> all() {
        return pool.query("select * from schema_state order by doctype").execute().map(rows -> {
            List<State> states = new ArrayList<>();
            rows.forEach(row -> states.add(state(row)));
            return states;
        });
    }

    /**
     * The fields the owners send this site for the doctype, read from the payloads of its newest envelopes (less the
     * fields the envelopes leave to this site); empty before any envelope arrived.
     */
    public Uni<Set<String>> sentFields(String doctype) {
        return pool.preparedQuery("""
                select distinct field from (
                    select envelope from inbox where doctype = $1 order by id desc limit $2) recent,
                  lateral jsonb_object_keys(case when jsonb_typeof(envelope -> 'payload') = 'object'
                                                 then envelope -> 'payload' else '{}'::jsonb end) field
                 where not coalesce((envelope -> 'localFields') ? field, false)""")
                .execute(Tuple.of(doctype, SENT_SAMPLE))
                .map(rows -> {
                    Set<String> fields = new LinkedHashSet<>();
                    rows.forEach(row -> fields.add(row.getString("field")));
                    return fields;
                });
    }

    /** The doctype's first baseline, unless another replica recorded one first. */
    public Uni<Void> establish(SchemaFingerprint current, Cause cause) {
        String hash = current.hash();
        return pool.withTransaction(connection -> connection.preparedQuery("""
                insert into schema_state (doctype, baseline, baseline_hash, current_hash, status)
                values ($1, $2, $3, $3, 'COMPATIBLE') on conflict (doctype) do nothing returning doctype""")
                .execute(Tuple.of(current.doctype(), fields(current), hash))
                .flatMap(rows -> rows.size() == 0
                        ? Uni.createFrom().voidItem()
                        : change(connection, current.doctype(), null, hash, true, List.of(), cause)));
    }

    /** The current meta becomes the baseline and the doctype flows (again); the change is recorded when there is one. */
    public Uni<Void> accept(State was, SchemaFingerprint current, List<SchemaDrift.Difference> differences,
            Cause cause) {
        String hash = current.hash();
        boolean changed = !hash.equals(was.baselineHash()) || was.mismatched() || cause.byOperator();
        return pool.withTransaction(connection -> connection.preparedQuery("""
                update schema_state set baseline = $2, baseline_hash = $3, current_hash = $3, status = 'COMPATIBLE',
                       differences = '[]'::jsonb, mismatch_since = null, checked_at = now(), updated_at = now()
                 where doctype = $1""").execute(Tuple.of(current.doctype(), fields(current), hash))
                .flatMap(done -> changed
                        ? change(connection, current.doctype(), was.baselineHash(), hash, true, differences, cause)
                        : Uni.createFrom().voidItem()));
    }

    /** The doctype stops flowing here; recorded when the site's meta differs from what was last recorded. */
    public Uni<Void> mismatch(State was, SchemaFingerprint current, SchemaDrift drift, Cause cause) {
        String hash = current.hash();
        boolean changed = !was.mismatched() || !hash.equals(was.currentHash()) || cause.byOperator();
        return pool.withTransaction(connection -> connection.preparedQuery("""
                update schema_state set current_hash = $2, status = 'MISMATCH', differences = $3,
                       mismatch_since = coalesce(mismatch_since, now()), checked_at = now(), updated_at = now()
                 where doctype = $1""").execute(Tuple.of(current.doctype(), hash, differences(drift.incompatible())))
                .flatMap(done -> changed
                        ? change(connection, current.doctype(), was.baselineHash(), hash, false, drift.incompatible(),
                                cause)
                        : Uni.createFrom().voidItem()));
    }

    /** Nothing moved since the last check. */
    public Uni<Void> unchanged(String doctype) {
        return pool.preparedQuery("update schema_state set checked_at = now() where doctype = $1")
                .execute(Tuple.of(doctype)).replaceWithVoid();
    }

    /** One recorded change of a doctype's schema, or an operator's decision on it. */
    public record Change(long id, OffsetDateTime at, String fromHash, String toHash, boolean compatible,
            JsonNode differences, String cause, String actor, String reason) {
    }

    /** The doctype's recorded changes, newest first. */
    public Uni<List<Change>> history(String doctype, int limit) {
        return pool.preparedQuery("""
                select id, at, from_hash, to_hash, compatible, differences, cause, actor, reason
                  from schema_change where doctype = $1 order by id desc limit $2""")
                .execute(Tuple.of(doctype, limit)).map(rows -> {
                    List<Change> changes = new ArrayList<>();
                    rows.forEach(row -> changes.add(new Change(row.getLong("id"), row.getOffsetDateTime("at"),
                            row.getString("from_hash"), row.getString("to_hash"), row.getBoolean("compatible"),
                            jsonNode(row.getValue("differences")), row.getString("cause"), row.getString("actor"),
                            row.getString("reason"))));
                    return changes;
                });
    }

    private Uni<Void> change(SqlConnection connection, String doctype, String from, String to, boolean compatible,
            List<SchemaDrift.Difference> differences, Cause cause) {
        return connection.preparedQuery("""
                insert into schema_change (doctype, from_hash, to_hash, compatible, differences, cause, actor, reason)
                values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(new Object[]{doctype, from, to, compatible, differences(differences), cause.kind(),
                        cause.actor(), cause.reason()}))
                .replaceWithVoid();
    }

    private JsonObject fields(SchemaFingerprint fingerprint) {
        return new JsonObject(json.convertValue(fingerprint.fields(), Map.class));
    }

    private JsonArray differences(List<SchemaDrift.Difference> differences) {
        return new JsonArray(json.convertValue(differences, List.class));
    }

    private State state(Row row) {
        String doctype = row.getString("doctype");
        Map<String, SchemaFingerprint.Field> baseline = json.convertValue(row.getJsonObject("baseline").getMap(), FIELDS);
        return new State(doctype, new SchemaFingerprint(doctype, baseline), row.getString("baseline_hash"),
                row.getString("current_hash"), row.getString("status"), jsonNode(row.getValue("differences")),
                row.getOffsetDateTime("checked_at"), row.getOffsetDateTime("mismatch_since"));
    }

    private JsonNode jsonNode(Object value) {
        return JsonColumns.node(json, value);
    }
}

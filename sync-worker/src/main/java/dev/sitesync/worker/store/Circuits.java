package dev.sitesync.worker.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.config.WorkerIdentity;
import dev.sitesync.worker.domain.Circuit;

/** The circuits of the targets this worker calls, one row each, changed under a row lock so replicas agree. */
@ApplicationScoped
public class Circuits {

    private final Pool pool;
    private final String owner;

    public Circuits(Pool pool, WorkerIdentity identity) {
        this.pool = pool;
        this.owner = identity.id();
    }

    public Uni<Circuit> read(String target) {
        return pool.preparedQuery("select * from circuit where target = $1").execute(Tuple.of(target))
                .map(rows -> rows.size() == 0 ? Circuit.closed(target, Instant.now()) : circuit(rows.iterator().next()));
    }

    public Uni<List<Circuit>> all() {
        return pool.query("select * from circuit order by target").execute().map(rows -> {
            List<Circuit> circuits = new ArrayList<>();
            rows.forEach(row -> circuits.add(circuit(row)));
            return circuits;
        });
    }

    /** Changes the circuit as the current row says, under its lock; answers what it became. */
    public Uni<Circuit> change(String target, UnaryOperator<Circuit> change) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                insert into circuit (target) values ($1) on conflict (target) do nothing""").execute(Tuple.of(target))
                .flatMap(x -> connection.preparedQuery("select * from circuit where target = $1 for update")
                        .execute(Tuple.of(target)))
                .flatMap(rows -> save(connection, change.apply(circuit(rows.iterator().next())))));
    }

    /**
     * Takes the probe of an open circuit whose probe is due (or whose last probe's holder went away): only one
     * caller of all replicas gets it, until {@code until}.
     */
    public Uni<Boolean> claimProbe(String target, Instant until) {
        return pool.preparedQuery("""
                update circuit set state = 'HALF_OPEN', next_probe_at = $2, probe_owner = $3, updated_at = now()
                 where target = $1 and next_probe_at <= now() and state in ('OPEN', 'HALF_OPEN') returning target""")
                .execute(Tuple.of(target, OffsetDateTime.ofInstant(until, ZoneOffset.UTC), owner))
                .map(rows -> rows.size() == 1);
    }

    private static Uni<Circuit> save(SqlConnection connection, Circuit circuit) {
        return connection.preparedQuery("""
                update circuit set state = $2, window_start = $3, calls = $4, failures = $5, opened_at = $6,
                       next_probe_at = $7, openings = $8, reason = $9, last_error = $10, updated_at = now()
                 where target = $1""")
                .execute(Tuple.from(new Object[]{circuit.target(), circuit.state().name(), at(circuit.windowStart()),
                        circuit.calls(), circuit.failures(), at(circuit.openedAt()), at(circuit.nextProbeAt()),
                        circuit.openings(), circuit.reason(), circuit.lastError()}))
                .replaceWith(circuit);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static Circuit circuit(Row row) {
        return new Circuit(row.getString("target"), Circuit.State.valueOf(row.getString("state")),
                instant(row, "window_start"), row.getInteger("calls"), row.getInteger("failures"),
                instant(row, "opened_at"), instant(row, "next_probe_at"), row.getInteger("openings"),
                row.getString("reason"), row.getString("last_error"));
    }
}

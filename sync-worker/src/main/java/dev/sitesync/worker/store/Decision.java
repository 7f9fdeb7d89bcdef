package dev.sitesync.worker.store;

import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.worker.domain.AuditEntry;

/**
 * What an operator's decision on one row (a dead letter, a parked delivery) did. A decision is taken at most once: a
 * conditional update claims the row, the row is read back for the answer, and the follow-up and its sync log entry
 * commit in the same transaction; deciding again changes nothing and says so.
 *
 * @param view the row as operators see it, null when NOT_FOUND
 */
public record Decision<V>(Outcome outcome, V view) {

    public enum Outcome {
        DONE,
        NOT_FOUND,
        /** Someone decided already, or the row left the state the decision is about. */
        ALREADY_DECIDED
    }

    /** The work a decision does once it has claimed its row, answering its sync log entry. */
    @FunctionalInterface
    interface FollowUp<V> {

        Uni<AuditEntry> apply(SqlConnection connection, Row row, V view);
    }

    /**
     * @param claim an update answering the row's ID when (and only when) it may be decided now
     * @param read a select of the row by ID ($1)
     */
    static <V> Uni<Decision<V>> take(Pool pool, SyncLog log, long id, String claim, Tuple claimArguments, String read,
            Function<Row, V> view, FollowUp<V> followUp) {
        return pool.withTransaction(connection -> connection.preparedQuery(claim).execute(claimArguments)
                .flatMap(claimed -> connection.preparedQuery(read).execute(Tuple.of(id)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Decision<V>(Outcome.NOT_FOUND, null));
                    }
                    Row row = rows.iterator().next();
                    V seen = view.apply(row);
                    if (claimed.size() == 0) {
                        return Uni.createFrom().item(new Decision<>(Outcome.ALREADY_DECIDED, seen));
                    }
                    return followUp.apply(connection, row, seen)
                            .flatMap(entry -> log.append(connection, List.of(entry)))
                            .map(x -> new Decision<>(Outcome.DONE, seen));
                })));
    }
}

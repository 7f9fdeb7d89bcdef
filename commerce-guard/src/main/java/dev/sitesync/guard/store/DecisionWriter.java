package dev.sitesync.guard.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores decisions in batches: a decision is queued, and whatever is queued when a writer is free goes to PostgreSQL in
 * one multi-row insert (group commit). Under load one round trip and one commit store many decisions; alone, a
 * decision is written at once. Each caller's answer waits until its own batch is committed, so no decision is answered
 * before it is stored, and a failed batch fails every decision in it.
 */
@Singleton
public class DecisionWriter {

    /** Inserts running at once: enough to keep PostgreSQL busy while the next batch fills, few enough to batch. */
    private static final int WRITERS = 2;
    private static final int MOST_PER_BATCH = 256;

    private static final String INSERT = """
            insert into decision (decision_id, site, caller, channel, order_hash, customer, company, currency,
                                  grand_total, item_count, verdict, shadow_verdict, ruleset_version, findings, created_at)
            select * from unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::char(64)[], $6::varchar[],
                                 $7::varchar[], $8::char(3)[], $9::text[]::numeric[], $10::integer[], $11::varchar[],
                                 $12::varchar[], $13::varchar[], $14::text[]::jsonb[], $15::timestamptz[])""";

    private record Pending(StoredDecision decision, CompletableFuture<Void> stored) {
    }

    private final Pool pool;
    private final JsonColumns json;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger writing = new AtomicInteger();

    public DecisionWriter(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    /** Stores the decision; completes once the batch holding it is committed. */
    public Uni<Void> write(StoredDecision decision) {
        Pending pending = new Pending(decision, new CompletableFuture<>());
        queue.add(pending);
        flush();
        return Uni.createFrom().completionStage(pending.stored());
    }

    private void flush() {
        while (!queue.isEmpty()) {
            int running = writing.get();
            if (running >= WRITERS) {
                return;
            }
            if (!writing.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            for (Pending next = queue.poll(); next != null; next = batch.size() < MOST_PER_BATCH ? queue.poll() : null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                writing.decrementAndGet();
                continue;
            }
            insert(batch).subscribe().with(done -> {
                batch.forEach(p -> p.stored().complete(null));
                writing.decrementAndGet();
                flush();
            }, failure -> {
                batch.forEach(p -> p.stored().completeExceptionally(failure));
                writing.decrementAndGet();
                flush();
            });
        }
    }

    private Uni<Void> insert(List<Pending> batch) {
        int size = batch.size();
        Object[][] columns = new Object[15][];
        columns[0] = new UUID[size];
        for (int c = 1; c < 15; c++) {
            columns[c] = c == 9 ? new Integer[size] : c == 14 ? new OffsetDateTime[size] : new String[size];
        }
        for (int i = 0; i < size; i++) {
            StoredDecision d = batch.get(i).decision();
            columns[0][i] = d.decisionId();
            columns[1][i] = d.site();
            columns[2][i] = d.caller();
            columns[3][i] = d.channel();
            columns[4][i] = d.orderHash();
            columns[5][i] = d.customer();
            columns[6][i] = d.company();
            columns[7][i] = d.currency();
            columns[8][i] = d.grandTotal().toPlainString();
            columns[9][i] = d.itemCount();
            columns[10][i] = d.verdict().name();
            columns[11][i] = d.shadowVerdict().name();
            columns[12][i] = d.rulesetVersion();
            columns[13][i] = json.write(d.findings());
            columns[14][i] = d.createdAt();
        }
        return pool.preparedQuery(INSERT).execute(Tuple.from(columns)).replaceWithVoid();
    }
}

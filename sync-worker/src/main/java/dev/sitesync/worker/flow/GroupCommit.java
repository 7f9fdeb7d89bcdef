package dev.sitesync.worker.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Group commit: requests that arrive while a batch commits wait and go together in the next one, so what every commit
 * must take once (the audit chain's lock) is taken once per batch instead of once per request, and a busy worker
 * commits in larger batches by itself. A batch that fails is tried again one request at a time, so a bad request fails
 * alone and the others commit.
 *
 * @param <T> a request
 * @param <R> its result
 */
public final class GroupCommit<T, R> {

    private final int maxBatch;
    private final Function<List<T>, Uni<List<R>>> together;
    private final Function<T, Uni<R>> alone;
    private final Queue<Pending<T, R>> pending = new ConcurrentLinkedQueue<>();
    private final Drain drain;

    /**
     * @param together commits a batch in one transaction, answering each request's result in the batch's order
     * @param alone commits one request in a transaction of its own
     */
    public GroupCommit(String name, int maxBatch, Function<List<T>, Uni<List<R>>> together, Function<T, Uni<R>> alone) {
        this.maxBatch = maxBatch;
        this.together = together;
        this.alone = alone;
        this.drain = new Drain(name, this::commitNext);
    }

    private record Pending<T, R>(T request, CompletableFuture<R> result) {
    }

    /** Commits the request with the next batch; the result once that batch (or the request alone) committed. */
    public Uni<R> submit(T request) {
        return Uni.createFrom().deferred(() -> {
            Pending<T, R> entry = new Pending<>(request, new CompletableFuture<>());
            pending.add(entry);
            drain.nudge();
            return Uni.createFrom().completionStage(entry.result());
        });
    }

    /** One batch of what waits; never fails (each request's failure goes to its caller). */
    private Uni<Integer> commitNext() {
        List<Pending<T, R>> batch = new ArrayList<>();
        Pending<T, R> next;
        while (batch.size() < maxBatch && (next = pending.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Uni<Void> committed = batch.size() == 1 ? alone(batch.get(0)) : together(batch);
        return committed.replaceWith(batch.size());
    }

    private Uni<Void> together(List<Pending<T, R>> batch) {
        return Uni.createFrom().deferred(() -> together.apply(batch.stream().map(Pending::request).toList()))
                .invoke(results -> {
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).result().complete(results.get(i));
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> Multi.createFrom().iterable(batch)
                        .onItem().transformToUniAndConcatenate(this::alone)
                        .collect().last().replaceWithVoid());
    }

    private Uni<Void> alone(Pending<T, R> entry) {
        return Uni.createFrom().deferred(() -> alone.apply(entry.request()))
                .onItemOrFailure().invoke((result, failure) -> {
                    if (failure == null) {
                        entry.result().complete(result);
                    } else {
                        entry.result().completeExceptionally(failure);
                    }
                })
                .replaceWithVoid().onFailure().recoverWithNull();
    }
}

package dev.sitesync.support.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Predicate;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Group commit: requests that arrive while a batch commits wait and go together in the next one, so what every commit
 * must pay once (a transaction, the audit chain's lock, a request to another service) is paid once per batch instead
 * of once per request, and a busy service commits in larger batches by itself. A batch that fails is tried again one
 * request at a time (unless the failure says a second try would fail alike), so a bad request fails alone and the
 * others commit.
 *
 * @param <T> a request
 * @param <R> its result
 */
public final class GroupCommit<T, R> {

    private final int maxBatch;
    private final Function<List<T>, Uni<List<R>>> together;
    private final Function<T, Uni<R>> alone;
    private final Predicate<Throwable> split;
    private final Queue<Pending<T, R>> pending = new ConcurrentLinkedQueue<>();
    private final Drain drain;

    /**
     * @param together commits a batch in one transaction, answering each request's result in the batch's order
     * @param alone commits one request in a transaction of its own
     */
    public GroupCommit(String name, int maxBatch, Function<List<T>, Uni<List<R>>> together, Function<T, Uni<R>> alone) {
        this(name, maxBatch, together, alone, failure -> true);
    }

    /**
     * @param split whether a batch that failed so is tried again request by request; otherwise every request of the
     *        batch fails with it (a service that is down refuses each request alike, and would only be asked again)
     */
    public GroupCommit(String name, int maxBatch, Function<List<T>, Uni<List<R>>> together, Function<T, Uni<R>> alone,
            Predicate<Throwable> split) {
        this.maxBatch = maxBatch;
        this.together = together;
        this.alone = alone;
        this.split = split;
        this.drain = new Drain(name, this::commitNext);
    }

    private record Pending<T, R>(T request, CompletableFuture<R> result) {
    }

    /** Requests waiting for the next batch (while one commits). */
    public int waiting() {
        return pending.size();
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
                .onFailure().recoverWithUni(failure -> {
                    if (!split.test(failure)) {
                        batch.forEach(entry -> entry.result().completeExceptionally(failure));
                        return Uni.createFrom().voidItem();
                    }
                    return Multi.createFrom().iterable(batch)
                            .onItem().transformToUniAndConcatenate(this::alone)
                            .collect().last().replaceWithVoid();
                });
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

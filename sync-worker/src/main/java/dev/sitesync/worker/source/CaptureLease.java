package dev.sitesync.worker.source;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.store.Leases;

/**
 * The one lease a doctype's capture runs under, whichever way it captures (webhook events, incremental poll, full
 * sync, or a dependency of another doctype): in this process and among the replicas of this site's worker, one
 * capture of a doctype at a time. The lease is renewed while the capture runs; every write the capture commits checks
 * it ({@link Held#check}), so a capture that lost its lease (a pause longer than the lease) stops before it queues
 * anything.
 */
@ApplicationScoped
public class CaptureLease {

    private static final Logger LOG = Logger.getLogger(CaptureLease.class);
    private static final Duration RETRY_EVERY = Duration.ofMillis(250);

    private final Leases leases;
    private final Duration length;
    private final Duration maxCycle;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public CaptureLease(Leases leases, WorkerConfig config) {
        this.leases = leases;
        this.length = config.capture().lease();
        this.maxCycle = config.capture().maxCycle();
    }

    /** A capture lease this process holds, under its fencing token. */
    public final class Held {

        private final String doctype;
        private final long fence;
        private volatile boolean lost;

        private Held(String doctype, long fence) {
            this.doctype = doctype;
            this.fence = fence;
        }

        public String doctype() {
            return doctype;
        }

        /**
         * Inside the transaction that commits the capture's work: fails with {@link LeaseLostException}, so the
         * transaction rolls back, unless the lease is still held under this token (and then stays so until commit).
         */
        public Uni<Void> check(SqlConnection connection) {
            if (lost) {
                return Uni.createFrom().failure(lostException());
            }
            return leases.check(connection, name(doctype), fence).flatMap(holds -> {
                if (holds) {
                    return Uni.createFrom().voidItem();
                }
                lost = true;
                return Uni.createFrom().failure(lostException());
            });
        }

        private LeaseLostException lostException() {
            return new LeaseLostException("The capture lease of " + doctype + " (token " + fence + ") was taken over;"
                    + " this capture stops without queueing, the lease's holder captures instead");
        }
    }

    /** Raised by a capture that lost its lease; nothing it did after the loss was committed. */
    public static final class LeaseLostException extends RuntimeException {

        LeaseLostException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs the work while holding the doctype's lease; answers {@code whenBusy}, without running it, while a capture
     * of the doctype runs elsewhere (in this process or another replica).
     */
    public <T> Uni<T> run(String doctype, T whenBusy, Function<Held, Uni<T>> work) {
        return attempt(doctype, work).map(outcome -> outcome.ran() ? outcome.value() : whenBusy);
    }

    /**
     * Runs the work under the doctype's lease, waiting for it (up to {@code maxWait}) while another capture of the
     * doctype runs; fails when it does not come free in time.
     */
    public <T> Uni<T> runWaiting(String doctype, Duration maxWait, Function<Held, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> attempt(doctype, work))
                .flatMap(outcome -> outcome.ran()
                        ? Uni.createFrom().item(outcome.value())
                        : Uni.createFrom().<T>failure(new BusyException(doctype)))
                .onFailure(BusyException.class).retry().withBackOff(RETRY_EVERY, RETRY_EVERY)
                .atMost(Math.max(1, maxWait.toMillis() / RETRY_EVERY.toMillis()))
                .onFailure(BusyException.class).transform(busy -> new IllegalStateException("The capture of " + doctype
                        + " stayed busy for " + maxWait.toSeconds() + " s; the capture that needs it is retried later"));
    }

    private record Outcome<T>(boolean ran, T value) {
    }

    private <T> Uni<Outcome<T>> attempt(String doctype, Function<Held, Uni<T>> work) {
        if (!held.add(doctype)) {
            return Uni.createFrom().item(new Outcome<>(false, null));
        }
        return leases.acquire(name(doctype), length)
                .flatMap(fence -> fence.isEmpty()
                        ? Uni.createFrom().item(new Outcome<T>(false, null))
                        : holding(new Held(doctype, fence.get()), work).map(value -> new Outcome<>(true, value)))
                .eventually(() -> held.remove(doctype));
    }

    private <T> Uni<T> holding(Held lease, Function<Held, Uni<T>> work) {
        Cancellable renewing = Multi.createFrom().ticks().every(length.dividedBy(3))
                .onItem().transformToUniAndConcatenate(tick -> leases.renew(name(lease.doctype), lease.fence, length)
                        .onFailure().recoverWithItem(true))
                .subscribe().with(renewed -> {
                    if (!renewed) {
                        lease.lost = true;
                        LOG.warnf("The capture lease of %s was taken over while its capture ran; it stops before"
                                + " queueing anything", lease.doctype);
                    }
                }, failure -> LOG.warnf("Renewing the capture lease of %s stopped: %s", lease.doctype,
                        failure.getMessage()));
        return Uni.createFrom().deferred(() -> work.apply(lease))
                .ifNoItem().after(maxCycle).failWith(() -> new IllegalStateException("Capturing " + lease.doctype
                        + " took longer than " + maxCycle.toMinutes() + " min; given up, retried later"))
                .eventually(() -> {
                    renewing.cancel();
                    return leases.release(name(lease.doctype), lease.fence).onFailure().recoverWithNull();
                });
    }

    private static String name(String doctype) {
        return "capture:" + doctype;
    }

    private static final class BusyException extends RuntimeException {

        BusyException(String doctype) {
            super("capture of " + doctype + " busy", null, false, false);
        }
    }
}

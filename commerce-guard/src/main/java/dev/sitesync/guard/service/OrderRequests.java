package dev.sitesync.guard.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.guard.store.OrderRequestStore;
import dev.sitesync.support.problem.ProblemException;

/**
 * Order creations made once per Idempotency-Key (the header of the IETF draft, per caller): the same key and body
 * answers the first request's answer, another body under the key is refused, and a request arriving while the first
 * is still at work waits for its answer (up to the deadline, then 409). A request that failed leaves its key open with
 * the decision it reached, so the retry first looks for the Sales Order the failed one may have created. Every order
 * creation, with or without a key, ends within the deadline, so the gateway (whose timeout is longer) always gets the
 * guard's own answer.
 */
@Singleton
public class OrderRequests {

    private static final Logger LOG = Logger.getLogger(OrderRequests.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** An answer to an order request: its status and JSON body, as sent and as kept for the key's later requests. */
    public record Answer(int status, String body, boolean replayed) {

        public Answer(int status, String body) {
            this(status, body, false);
        }
    }

    /** Creates the order; calls back with the decision once it is stored, before anything is created on the site. */
    public interface Creation {

        Uni<Answer> run(Function<UUID, Uni<Void>> decided);
    }

    /** The answer for an order an earlier, failed request created under this decision, if it created one. */
    public interface Resumption {

        Uni<Optional<Answer>> resume(UUID decisionId);
    }

    private final OrderRequestStore store;
    private final Duration deadline;
    private final Duration abandonedAfter;
    private final Duration kept;

    public OrderRequests(OrderRequestStore store, GuardConfig config) {
        this.store = store;
        this.deadline = config.orders().deadline();
        this.abandonedAfter = config.orders().deadline().multipliedBy(2);
        this.kept = config.orders().idempotencyTtl();
    }

    /** Creates the order once for this caller and key ({@code null}: no key, created every time), within the deadline. */
    public Uni<Answer> once(String caller, String key, String requestSha256, Creation creation, Resumption resumption) {
        if (key == null) {
            return withinDeadline(creation.run(decision -> Uni.createFrom().voidItem()));
        }
        UUID token = UUID.randomUUID();
        return store.claim(caller, key, requestSha256, token, kept).flatMap(claimed -> claimed
                ? work(caller, key, token, Optional.empty(), creation, resumption)
                : earlier(caller, key, requestSha256, creation, resumption, Instant.now()));
    }

    private Uni<Answer> earlier(String caller, String key, String requestSha256, Creation creation,
            Resumption resumption, Instant firstAsked) {
        return store.earlier(caller, key, abandonedAfter).flatMap(found -> {
            if (found.isEmpty()) {
                // released after a failure before it decided anything: this request starts afresh
                return once(caller, key, requestSha256, creation, resumption);
            }
            OrderRequestStore.Earlier earlier = found.get();
            if (!earlier.requestSha256().equals(requestSha256)) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for another order; send a new key for a new order."));
            }
            if (earlier.done()) {
                return Uni.createFrom().item(new Answer(earlier.status(), earlier.response(), true));
            }
            if (earlier.open()) {
                UUID token = UUID.randomUUID();
                return store.takeOver(caller, key, token, abandonedAfter).flatMap(taken -> taken.isPresent()
                        ? work(caller, key, token, taken.get(), creation, resumption)
                        : again(caller, key, requestSha256, creation, resumption, firstAsked));
            }
            return again(caller, key, requestSha256, creation, resumption, firstAsked);
        });
    }

    private Uni<Answer> again(String caller, String key, String requestSha256, Creation creation, Resumption resumption,
            Instant firstAsked) {
        if (Duration.between(firstAsked, Instant.now()).compareTo(deadline) > 0) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.REQUEST_IN_PROGRESS,
                    "The first request with this Idempotency-Key is still being processed; retry in a few seconds for its answer."));
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(POLL)
                .flatMap(ignored -> earlier(caller, key, requestSha256, creation, resumption, firstAsked));
    }

    /** Creates (or resumes) under the claim, stores the answer, or gives the key back when it failed. */
    private Uni<Answer> work(String caller, String key, UUID token, Optional<UUID> decided, Creation creation,
            Resumption resumption) {
        Uni<Answer> fresh = Uni.createFrom().deferred(
                () -> creation.run(decision -> store.decided(caller, key, token, decision)));
        Uni<Answer> answer = decided.isEmpty()
                ? fresh
                : resumption.resume(decided.get()).flatMap(found -> found.map(a -> Uni.createFrom().item(a))
                        .orElse(fresh));
        return withinDeadline(answer)
                .call(done -> store.complete(caller, key, token, done.status(), done.body()).invoke(stored -> {
                    if (!stored) {
                        LOG.warnf("The request with key %s of %s was taken over while it worked; its answer stands",
                                key, caller);
                    }
                }))
                .onFailure().call(failure -> store.release(caller, key, token));
    }

    private Uni<Answer> withinDeadline(Uni<Answer> answer) {
        return answer.ifNoItem().after(deadline).failWith(() -> new ProblemException(ProblemType.UNAVAILABLE,
                "The order could not be completed in time; retry with the same Idempotency-Key, which never creates it twice."));
    }
}

package dev.sitesync.worker.client;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.sitesync.worker.domain.SyncPolicy;

/** The policy in force, read again when it is older than a minute or a decision names a newer version. */
@ApplicationScoped
public class PolicyCache {

    private static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final OwnershipClient ownership;
    private volatile SyncPolicy policy;
    private volatile Instant readAt = Instant.EPOCH;

    public PolicyCache(OwnershipClient ownership) {
        this.ownership = ownership;
    }

    public Uni<SyncPolicy> current() {
        SyncPolicy cached = policy;
        if (cached != null && readAt.plus(MAX_AGE).isAfter(Instant.now())) {
            return Uni.createFrom().item(cached);
        }
        return ownership.policy().map(view -> {
            SyncPolicy fresh = SyncPolicy.fromJson(view.path("version").asInt(), view.path("policy"));
            policy = fresh;
            readAt = Instant.now();
            return fresh;
        });
    }

    /**
     * The policy in force, at least at {@code version}: a sender decided under a newer revision than the one held, so
     * it is read again before anything is decided under it. A cached policy as new or newer is used as it is, also
     * when it is due to be read again and ownership-service does not answer: envelopes already decided keep flowing
     * through an outage of the policy's service.
     */
    public Uni<SyncPolicy> atLeast(int version) {
        SyncPolicy cached = policy;
        if (cached != null && cached.version() < version) {
            readAt = Instant.EPOCH;
        }
        // ownership-service away: a policy held at the sender's revision or later still decides; an older one cannot
        return current().onFailure(failure -> cached != null && cached.version() >= version)
                .recoverWithItem(cached);
    }

    /** A decision was made under another version than the cached one: read the policy again next time. */
    public void seen(int policyVersion) {
        SyncPolicy cached = policy;
        if (cached != null && cached.version() != policyVersion) {
            readAt = Instant.EPOCH;
        }
    }
}

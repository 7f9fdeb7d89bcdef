package dev.sitesync.gateway.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * Token buckets kept in PostgreSQL (Bucket4j, one row per key, read and written under {@code SELECT ... FOR UPDATE}),
 * so every gateway replica draws from the same bucket and a limit holds however many replicas run. Blocking JDBC:
 * call from a worker thread.
 */
public final class RateLimiter {

    /** What a bucket said: allowed, or refused until {@code retryAfter}. */
    public record Verdict(boolean allowed, Duration retryAfter) {
    }

    /** What a draw of several tokens took: how many (none when the bucket is empty, then until when). */
    public record Draw(long taken, Duration retryAfter) {
    }

    /** Handles are reused per bucket; above this many they are dropped and made again (they hold no state of their own). */
    private static final int MAX_HANDLES = 10_000;

    private final ProxyManager<String> buckets;
    private final Map<String, BucketProxy> handles = new ConcurrentHashMap<>();

    public RateLimiter(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                // a bucket full again is the same as no bucket: its row may go
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
    }

    /** Takes one token from the bucket of {@code key}, holding {@code capacity} tokens refilled each {@code period}. */
    public Verdict tryTake(String key, long capacity, Duration period) {
        ConsumptionProbe probe = bucket(key, capacity, period).tryConsumeAndReturnRemaining(1);
        return new Verdict(probe.isConsumed(), Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Takes up to {@code most} tokens at once (as many as the bucket holds, in one round trip); when it holds none,
     * says how long until it holds one.
     */
    public Draw tryTakeUpTo(String key, long capacity, Duration period, long most) {
        BucketProxy bucket = bucket(key, capacity, period);
        long taken = bucket.tryConsumeAsMuchAsPossible(most);
        if (taken > 0) {
            return new Draw(taken, Duration.ZERO);
        }
        return new Draw(0, Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    private BucketProxy bucket(String key, long capacity, Duration period) {
        if (handles.size() > MAX_HANDLES) {
            handles.clear();
        }
        return handles.computeIfAbsent(key + '\n' + capacity + '\n' + period, handle -> {
            BucketConfiguration configuration = BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build();
            return buckets.builder().build(key, () -> configuration);
        });
    }

    /** Deletes up to {@code limit} buckets that have refilled completely; returns how many. */
    public int purgeExpired(int limit) {
        return ((ExpiredEntriesCleaner) buckets).removeExpired(limit);
    }
}

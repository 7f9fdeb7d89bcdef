package dev.sitesync.guard.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Uni;

/**
 * Values read from a site, reused for a short time so a burst of checks for the same keys reads the site once: the
 * keys the cache lacks are read together, in one call. A time to live of zero reads every time.
 */
final class CachedReads<K, V> {

    private record SiteKey<K>(String site, K key) {
    }

    private final Cache<SiteKey<K>, V> cache;
    private final Counter hits;

    CachedReads(Duration ttl, long size, Counter hits) {
        this.cache = ttl.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(size).build();
        this.hits = hits;
    }

    /**
     * The value of every key on the site: cached ones at once, the others from {@code read}, which must answer every
     * key it is given.
     */
    Uni<Map<K, V>> get(String site, Set<K> keys, Function<Set<K>, Uni<Map<K, V>>> read) {
        Map<K, V> found = new HashMap<>();
        Set<K> missing = new HashSet<>();
        for (K key : keys) {
            V cached = cache == null ? null : cache.getIfPresent(new SiteKey<>(site, key));
            if (cached != null) {
                found.put(key, cached);
            } else {
                missing.add(key);
            }
        }
        hits.increment(found.size());
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return read.apply(missing).map(values -> {
            if (cache != null) {
                values.forEach((key, value) -> cache.put(new SiteKey<>(site, key), value));
            }
            found.putAll(values);
            return found;
        });
    }
}

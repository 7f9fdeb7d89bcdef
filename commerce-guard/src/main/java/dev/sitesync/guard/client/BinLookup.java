package dev.sitesync.guard.client;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.guard.domain.BinKey;
import dev.sitesync.guard.domain.StockLevel;

/**
 * Stock levels from the site's Bins, reused for a short time ({@code guard.stock.cache-ttl}) so a burst of checks for
 * the same items reads the site once. The Bins an order needs and the cache lacks are read in one list call. The
 * price is that a check may see stock up to that old: ERPNext itself refuses no order for stock, so a burst of
 * orders within the TTL can together over-promise by what they order in that time.
 */
@Singleton
public class BinLookup {

    private static final String[] FIELDS = {"item_code", "warehouse", "projected_qty", "actual_qty", "valuation_rate"};

    private record CachedKey(String site, BinKey bin) {
    }

    private final SiteDirectory sites;
    private final Cache<CachedKey, StockLevel> cache;
    private final Counter hits;
    private final Counter reads;

    public BinLookup(SiteDirectory sites, GuardConfig config, MeterRegistry registry) {
        this.sites = sites;
        this.cache = config.stock().cacheTtl().isZero()
                ? null
                : Caffeine.newBuilder().expireAfterWrite(config.stock().cacheTtl())
                        .maximumSize(config.stock().cacheSize()).build();
        this.hits = Counter.builder("sitesync.guard.bin.cache.hits").description("Bins answered from the cache")
                .register(registry);
        this.reads = Counter.builder("sitesync.guard.bin.reads").description("Bin list calls to sites")
                .register(registry);
    }

    public Uni<Map<BinKey, StockLevel>> levels(String site, Set<BinKey> keys) {
        Map<BinKey, StockLevel> found = new HashMap<>();
        Set<BinKey> missing = new HashSet<>();
        for (BinKey key : keys) {
            StockLevel cached = cache == null ? null : cache.getIfPresent(new CachedKey(site, key));
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
        return read(site, missing).map(read -> {
            found.putAll(read);
            return found;
        });
    }

    private Uni<Map<BinKey, StockLevel>> read(String site, Set<BinKey> keys) {
        Set<String> items = new TreeSet<>();
        Set<String> warehouses = new TreeSet<>();
        keys.forEach(key -> {
            items.add(key.itemCode());
            warehouses.add(key.warehouse());
        });
        ListQuery query = ListQuery.of("Bin").fields(FIELDS)
                .where(Filter.in("item_code", items), Filter.in("warehouse", warehouses)).unlimited();
        reads.increment();
        return sites.client(site).list(query).map(rows -> {
            Map<BinKey, StockLevel> levels = new HashMap<>();
            for (ObjectNode row : rows) {
                BinKey key = new BinKey(row.path("item_code").asText(), row.path("warehouse").asText());
                if (keys.contains(key)) {
                    levels.put(key, level(row));
                }
            }
            keys.forEach(key -> levels.putIfAbsent(key, StockLevel.NO_BIN));
            if (cache != null) {
                levels.forEach((key, level) -> cache.put(new CachedKey(site, key), level));
            }
            return levels;
        });
    }

    private static StockLevel level(JsonNode row) {
        JsonNode valuation = row.path("valuation_rate");
        return new StockLevel(row.path("projected_qty").decimalValue(), row.path("actual_qty").decimalValue(),
                valuation.isNumber() ? valuation.decimalValue() : null);
    }
}

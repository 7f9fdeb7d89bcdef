package dev.sitesync.guard.client;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * price is that a check may see stock up to that old; it only decides whether a draft is created, which reserves
 * nothing. Before an order is submitted its stock is read again, fresh ({@link #fresh}).
 */
@Singleton
public class BinLookup {

    private static final String[] FIELDS = {"item_code", "warehouse", "projected_qty", "actual_qty", "valuation_rate"};

    private final SiteDirectory sites;
    private final CachedReads<BinKey, StockLevel> cache;
    private final Counter reads;

    public BinLookup(SiteDirectory sites, GuardConfig config, MeterRegistry registry) {
        this.sites = sites;
        this.cache = new CachedReads<>(config.stock().cacheTtl(), config.stock().cacheSize(),
                Counter.builder("sitesync.guard.bin.cache.hits").description("Bins answered from the cache")
                        .register(registry));
        this.reads = Counter.builder("sitesync.guard.bin.reads").description("Bin list calls to sites")
                .register(registry);
    }

    /** The stock levels of these Bins, from the cache where it has them. */
    public Uni<Map<BinKey, StockLevel>> levels(String site, Set<BinKey> keys) {
        return cache.get(site, keys, missing -> fresh(site, missing));
    }

    /** The stock levels of these Bins as the site has them now; a Bin the site lacks has nothing to promise. */
    public Uni<Map<BinKey, StockLevel>> fresh(String site, Set<BinKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
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
            return levels;
        });
    }

    private static StockLevel level(JsonNode row) {
        JsonNode valuation = row.path("valuation_rate");
        return new StockLevel(row.path("projected_qty").decimalValue(), row.path("actual_qty").decimalValue(),
                valuation.isNumber() ? valuation.decimalValue() : null);
    }
}

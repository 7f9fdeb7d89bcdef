package dev.sitesync.guard.client;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.guard.domain.ItemPrice;

/**
 * Items' selling prices from the site's Item Prices of one price list, reused as long as Bins are
 * ({@code guard.stock.cache-ttl}). Of several prices of an item, the one ERPNext would apply wins: one valid today,
 * for no particular customer, the one valid from the latest date.
 */
@Singleton
public class PriceLookup {

    private static final String[] FIELDS = {"item_code", "uom", "price_list_rate", "customer", "valid_from",
            "valid_upto"};

    private record ListedItem(String priceList, String itemCode) {
    }

    private final SiteDirectory sites;
    private final CachedReads<ListedItem, Optional<ItemPrice>> cache;

    public PriceLookup(SiteDirectory sites, GuardConfig config, MeterRegistry registry) {
        this.sites = sites;
        this.cache = new CachedReads<>(config.stock().cacheTtl(), config.stock().cacheSize(),
                Counter.builder("sitesync.guard.price.cache.hits").description("Item prices answered from the cache")
                        .register(registry));
    }

    /** The price of each item that has one on the list, valid on {@code today}. */
    public Uni<Map<String, ItemPrice>> prices(String site, String priceList, Set<String> itemCodes, LocalDate today) {
        Set<ListedItem> keys = new java.util.HashSet<>();
        itemCodes.forEach(code -> keys.add(new ListedItem(priceList, code)));
        return cache.get(site, keys, missing -> read(site, priceList, missing, today)).map(found -> {
            Map<String, ItemPrice> prices = new HashMap<>();
            found.forEach((key, price) -> price.ifPresent(p -> prices.put(key.itemCode(), p)));
            return prices;
        });
    }

    private Uni<Map<ListedItem, Optional<ItemPrice>>> read(String site, String priceList, Set<ListedItem> keys,
            LocalDate today) {
        Set<String> items = new TreeSet<>();
        keys.forEach(key -> items.add(key.itemCode()));
        ListQuery query = ListQuery.of("Item Price").fields(FIELDS)
                .where(Filter.eq("price_list", priceList), Filter.in("item_code", items)).unlimited();
        return sites.client(site).list(query).map(rows -> {
            Map<ListedItem, Optional<ItemPrice>> prices = new HashMap<>();
            for (ListedItem key : keys) {
                prices.put(key, applicable(rows, key.itemCode(), today));
            }
            return prices;
        });
    }

    private static Optional<ItemPrice> applicable(List<ObjectNode> rows, String itemCode, LocalDate today) {
        String day = today.toString();
        return rows.stream()
                .filter(row -> row.path("item_code").asText().equals(itemCode))
                .filter(row -> row.path("customer").asText("").isEmpty())
                .filter(row -> row.path("valid_from").asText("").compareTo(day) <= 0)
                .filter(row -> row.path("valid_upto").asText("").isEmpty()
                        || row.path("valid_upto").asText().compareTo(day) >= 0)
                .max(Comparator.comparing(row -> row.path("valid_from").asText("")))
                .map(row -> new ItemPrice(itemCode, row.path("uom").asText(null),
                        row.path("price_list_rate").decimalValue()));
    }
}

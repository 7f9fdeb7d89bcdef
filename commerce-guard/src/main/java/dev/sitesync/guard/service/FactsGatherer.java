package dev.sitesync.guard.service;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

import dev.sitesync.guard.client.BinLookup;
import dev.sitesync.guard.client.PriceLookup;
import dev.sitesync.guard.client.SiteDirectory;
import dev.sitesync.guard.config.SiteConfig;
import dev.sitesync.guard.domain.BinKey;
import dev.sitesync.guard.domain.ConfirmedPayment;
import dev.sitesync.guard.domain.ItemPrice;
import dev.sitesync.guard.domain.OrderContext;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.OrderItem;
import dev.sitesync.guard.domain.SalesOrder;
import dev.sitesync.guard.store.PaymentEventStore;

/**
 * Fetches what the rules need to know about an order before they run: first what needs nothing from the site (for the
 * gate rules), then its Bins, its items' prices on the site and the payment it references.
 */
@Singleton
public class FactsGatherer {

    private final SiteDirectory sites;
    private final BinLookup bins;
    private final PriceLookup prices;
    private final PaymentEventStore payments;

    public FactsGatherer(SiteDirectory sites, BinLookup bins, PriceLookup prices, PaymentEventStore payments) {
        this.sites = sites;
        this.bins = bins;
        this.prices = prices;
        this.payments = payments;
    }

    /**
     * What the guard knows of this caller on the site without asking the site: the day, the companies it may order
     * for, the company it says it acts for, the site's settings. Enough for the gate rules.
     */
    public OrderFacts forGate(String site, SalesOrder order, OrderContext context, String caller) {
        SiteConfig config = sites.config(site);
        Set<String> companies = Set.copyOf(config.callers().getOrDefault(caller, List.of()));
        return new OrderFacts(LocalDate.now(config.timeZone()), Map.of(), priceList(config, order), Map.of(),
                allowedPriceLists(config), companies, Optional.ofNullable(context.company()), territories(config),
                Set.copyOf(config.allowLists().getOrDefault(caller, List.of())), Optional.empty());
    }

    /**
     * The facts for a live check: those for the gate, with the order's Bins, its items' prices on the site and the
     * payment it references, read at once.
     */
    public Uni<OrderFacts> forCheck(String site, SalesOrder order, OrderContext context, OrderFacts gate) {
        Uni<Optional<ConfirmedPayment>> payment = context.payment() == null
                ? Uni.createFrom().item(Optional.empty())
                : payments.findUnused(context.payment().provider(), context.payment().transactionId(), site,
                        order.customer());
        return Uni.combine().all().unis(bins.levels(site, binKeys(order)), itemPrices(site, order, gate), payment)
                .asTuple().map(read -> gate.withSiteData(read.getItem1(), read.getItem2(), read.getItem3()));
    }

    /**
     * The facts for replaying a past order: the day it was created stands for today, and since the caller who placed
     * it is not known, any company a caller may order for on the site is allowed.
     */
    public Uni<OrderFacts> forReplay(String site, SalesOrder order, LocalDate createdOn) {
        SiteConfig config = sites.config(site);
        Set<String> companies = new HashSet<>();
        config.callers().values().forEach(companies::addAll);
        Set<String> allowListed = new HashSet<>();
        config.allowLists().values().forEach(allowListed::addAll);
        OrderFacts replayed = new OrderFacts(createdOn, Map.of(), priceList(config, order), Map.of(),
                allowedPriceLists(config), companies, Optional.empty(), territories(config), allowListed,
                Optional.empty());
        return Uni.combine().all().unis(bins.levels(site, binKeys(order)), itemPrices(site, order, replayed)).asTuple()
                .map(read -> replayed.withSiteData(read.getItem1(), read.getItem2(), Optional.empty()));
    }

    private Uni<Map<String, ItemPrice>> itemPrices(String site, SalesOrder order, OrderFacts known) {
        if (!known.allowedPriceLists().contains(known.priceList())) {
            return Uni.createFrom().item(Map.of());
        }
        Set<String> items = new HashSet<>();
        order.items().forEach(item -> items.add(item.itemCode()));
        return prices.prices(site, known.priceList(), items, known.today());
    }

    private static String priceList(SiteConfig config, SalesOrder order) {
        return order.sellingPriceList() == null || order.sellingPriceList().isBlank()
                ? config.priceList()
                : order.sellingPriceList();
    }

    private static Set<String> allowedPriceLists(SiteConfig config) {
        return Set.copyOf(config.priceLists().orElse(List.of(config.priceList())));
    }

    private static Set<BinKey> binKeys(SalesOrder order) {
        Set<BinKey> keys = new HashSet<>();
        for (OrderItem item : order.items()) {
            String warehouse = order.warehouseOf(item);
            if (warehouse != null && !warehouse.isBlank()) {
                keys.add(new BinKey(item.itemCode(), warehouse));
            }
        }
        return keys;
    }

    private static Map<String, Set<String>> territories(SiteConfig config) {
        Map<String, Set<String>> territories = new HashMap<>();
        config.territoryWarehouses().forEach((territory, warehouses) -> territories.put(territory, Set.copyOf(warehouses)));
        return territories;
    }

}

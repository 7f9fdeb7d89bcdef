package dev.sitesync.guard.domain;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the rules know besides the order, fetched before they run so they stay pure and fast.
 *
 * @param today the date on the site (a replay uses the date the order was created)
 * @param stock the Bin of every (item, warehouse) the order ships from; a missing key means the Bin was not read
 * @param priceList the site's price list the order is priced from: the one it names, or the site's default
 * @param prices the site's price of each item of the order in that list; a missing item has none
 * @param allowedPriceLists the price lists the caller may price orders from
 * @param allowedCompanies the companies the caller may order for on this site
 * @param callerCompany the company the caller says it orders for, when it says so
 * @param territoryWarehouses the warehouses each territory may ship from; territories not listed are not restricted
 * @param allowListedCustomers customers the site trusts for orders of this caller: their review findings are set aside
 * @param payment a confirmed payment the caller referenced, when it referenced one and it was found
 */
public record OrderFacts(LocalDate today, Map<BinKey, StockLevel> stock, String priceList,
        Map<String, ItemPrice> prices, Set<String> allowedPriceLists, Set<String> allowedCompanies,
        Optional<String> callerCompany, Map<String, Set<String>> territoryWarehouses, Set<String> allowListedCustomers,
        Optional<ConfirmedPayment> payment) {

    public StockLevel stockOf(BinKey key) {
        return stock.getOrDefault(key, StockLevel.NO_BIN);
    }

    /** These facts with what was read from the site for the order: its Bins, its items' prices, its payment. */
    public OrderFacts withSiteData(Map<BinKey, StockLevel> readStock, Map<String, ItemPrice> readPrices,
            Optional<ConfirmedPayment> readPayment) {
        return new OrderFacts(today, readStock, priceList, readPrices, allowedPriceLists, allowedCompanies,
                callerCompany, territoryWarehouses, allowListedCustomers, readPayment);
    }
}

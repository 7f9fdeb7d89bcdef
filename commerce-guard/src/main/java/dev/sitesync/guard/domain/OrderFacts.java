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
 * @param allowedCompanies the companies the caller may order for on this site
 * @param callerCompany the company the caller says it orders for, when it says so
 * @param territoryWarehouses the warehouses each territory may ship from; territories not listed are not restricted
 * @param allowListedCustomers customers the site trusts, whose review findings are set aside
 * @param payment a confirmed payment the caller referenced, when it referenced one and it was found
 */
public record OrderFacts(LocalDate today, Map<BinKey, StockLevel> stock, Set<String> allowedCompanies,
        Optional<String> callerCompany, Map<String, Set<String>> territoryWarehouses, Set<String> allowListedCustomers,
        Optional<ConfirmedPayment> payment) {

    public StockLevel stockOf(BinKey key) {
        return stock.getOrDefault(key, StockLevel.NO_BIN);
    }
}

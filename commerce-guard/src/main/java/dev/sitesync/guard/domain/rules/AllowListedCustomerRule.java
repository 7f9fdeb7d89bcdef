package dev.sitesync.guard.domain.rules;

import java.util.List;
import java.util.Map;

import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.OrderRule;
import dev.sitesync.guard.domain.SalesOrder;

/**
 * A customer the site allow-lists for the calling storefront lowers the order's risk: its review findings are set
 * aside (blocks stand). The list is the caller's own: naming a customer another storefront vouches for waives nothing.
 */
public final class AllowListedCustomerRule implements OrderRule {

    public static final String NAME = "allow-listed-customer";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of();
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        if (!facts.allowListedCustomers().contains(order.customer())) {
            return List.of();
        }
        return List.of(Finding.lowers(NAME,
                "Customer '%s' is allow-listed on this site for this caller".formatted(order.customer()),
                Evidence.of("customer", order.customer())));
    }
}

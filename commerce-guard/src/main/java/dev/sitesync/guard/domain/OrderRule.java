package dev.sitesync.guard.domain;

import java.util.List;
import java.util.Map;

/** One control over an order: pure, given the order and the facts fetched for it. */
public interface OrderRule {

    /** The stable name findings, metrics and configuration use, e.g. {@code stock-short}. */
    String name();

    /** The thresholds and severity the rule runs with; they make up the rule set's version. */
    Map<String, Object> settings();

    /**
     * Whether running the rule over a past order says anything: rules that read state at the moment of ordering (stock,
     * payments) do not, so backtests leave them out.
     */
    default boolean replayable() {
        return true;
    }

    /**
     * Whether the rule judges what the caller may ask at all, from the caller's own settings alone. Gate rules run first;
     * when one blocks, the order is decided without reading the site, so a caller learns nothing about stock or costs
     * of a company it may not order for.
     */
    default boolean gate() {
        return false;
    }

    List<Finding> check(SalesOrder order, OrderFacts facts);
}

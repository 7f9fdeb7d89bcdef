package dev.sitesync.guard.domain;

import java.math.BigDecimal;

/**
 * What a Bin says about an item in a warehouse. {@code projected} is what is left to promise: on hand plus incoming
 * minus reserved. Without a Bin the item has never moved through the warehouse, so nothing is there to promise.
 *
 * @param valuationRate the cost of one stock unit, or null when unknown
 */
public record StockLevel(BigDecimal projected, BigDecimal actual, BigDecimal valuationRate) {

    public static final StockLevel NO_BIN = new StockLevel(BigDecimal.ZERO, BigDecimal.ZERO, null);
}

package dev.sitesync.guard.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An item's selling price on the site, from an Item Price of the price list the order is priced from.
 *
 * @param uom the unit the price is for; a line in another unit is priced at {@code rate × conversion_factor}
 */
public record ItemPrice(String itemCode, String uom, BigDecimal rate) {

    public ItemPrice {
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(rate, "rate");
    }

    /** The price of one unit of the line, in the line's own unit. */
    public BigDecimal forLine(OrderItem line) {
        boolean sameUnit = uom == null || line.uom() == null || uom.equals(line.uom());
        return sameUnit || line.conversionFactor() == null ? rate : rate.multiply(line.conversionFactor());
    }
}

package dev.sitesync.guard.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How many times a site sold through its stock in a period: the cost of the goods that left stock over the average
 * value of the stock held, from the Stock Ledger Entries (each carries the value it added or took away) and today's
 * stock value.
 *
 * @param status {@code ok}, or {@code skipped} when the site does not let the guard read its stock ledger
 * @param turnover null when there was no stock to speak of
 */
public record StockTurnover(String status, BigDecimal costOfGoodsSold, BigDecimal openingValue,
        BigDecimal closingValue, BigDecimal turnover, String detail) {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    /**
     * @param valueNow the stock's value today (the Bins' stock value)
     * @param changeAfter what the ledger added to the value after the period
     * @param changeDuring what it added during the period
     * @param outgoingDuring what entries taking stock away changed the value by during the period (negative)
     */
    public static StockTurnover of(BigDecimal valueNow, BigDecimal changeAfter, BigDecimal changeDuring,
            BigDecimal outgoingDuring) {
        BigDecimal closing = valueNow.subtract(changeAfter);
        BigDecimal opening = closing.subtract(changeDuring);
        BigDecimal sold = outgoingDuring.negate();
        BigDecimal average = opening.add(closing).divide(TWO, 9, RoundingMode.HALF_UP);
        BigDecimal turnover = average.signum() > 0 ? sold.divide(average, 4, RoundingMode.HALF_UP) : null;
        return new StockTurnover("ok", sold, opening, closing, turnover, null);
    }

    public static StockTurnover skipped(String detail) {
        return new StockTurnover("skipped", null, null, null, null, detail);
    }
}

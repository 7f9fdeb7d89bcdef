package dev.sitesync.guard.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Orders and facts for rule tests: a clean order that passes every rule, changed one field at a time. */
final class Orders {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final String STORES = "Stores - DC";

    private Orders() {
    }

    static OrderItem item(String code, double qty, double rate) {
        return new OrderItem(code, null, null, BigDecimal.valueOf(qty), null, null, null, null, null, null,
                BigDecimal.valueOf(rate), null, STORES, null);
    }

    static TaxRow vat(double rate) {
        return new TaxRow(TaxRow.ON_NET_TOTAL, "VAT - DC", "VAT", null, BigDecimal.valueOf(rate), null, null, null);
    }

    /** Four mugs at 250 with 18% VAT, for Acme Corp of Demo Co, today. */
    static Builder order() {
        return new Builder();
    }

    static final class Builder {

        String customer = "Acme Corp";
        String company = "Demo Co";
        LocalDate transactionDate = TODAY;
        LocalDate postingDate;
        String territory;
        String setWarehouse;
        Integer docstatus;
        String taxesAndCharges;
        List<TaxRow> taxes = new ArrayList<>(List.of(vat(18)));
        String applyDiscountOn;
        BigDecimal additionalDiscountPercentage;
        BigDecimal discountAmount;
        BigDecimal total;
        BigDecimal grandTotal;
        BigDecimal roundedTotal;
        BigDecimal conversionRate;
        String currency = "EUR";
        List<OrderItem> items = new ArrayList<>(List.of(item("SKU-001", 4, 250)));

        Builder items(OrderItem... lines) {
            items = List.of(lines);
            return this;
        }

        SalesOrder build() {
            return new SalesOrder(null, customer, null, company, transactionDate, null, postingDate, null, currency,
                    conversionRate, null, territory, setWarehouse, null, docstatus, null, null, taxesAndCharges,
                    taxes, applyDiscountOn, additionalDiscountPercentage, discountAmount, total, null, null, grandTotal,
                    null, roundedTotal, items);
        }
    }

    /**
     * Plenty of SKU-001 at a cost of 100, listed at 250 in the default price list; Demo Co allowed, no territories, no
     * allow-list, no payment.
     */
    static FactsBuilder facts() {
        return new FactsBuilder();
    }

    static final class FactsBuilder {

        Map<BinKey, StockLevel> stock = new HashMap<>();
        String priceList = "Standard Selling";
        Map<String, ItemPrice> prices = new HashMap<>();
        Set<String> priceLists = Set.of("Standard Selling");
        Set<String> companies = Set.of("Demo Co");
        Optional<String> callerCompany = Optional.empty();
        Map<String, Set<String>> territories = Map.of();
        Set<String> allowList = Set.of();
        Optional<ConfirmedPayment> payment = Optional.empty();

        FactsBuilder stock(String item, double projected, Double valuation) {
            stock.put(new BinKey(item, STORES), new StockLevel(BigDecimal.valueOf(projected),
                    BigDecimal.valueOf(projected), valuation == null ? null : BigDecimal.valueOf(valuation)));
            return this;
        }

        /** The site's price of the item in the default price list. */
        FactsBuilder price(String item, double rate) {
            prices.put(item, new ItemPrice(item, null, BigDecimal.valueOf(rate)));
            return this;
        }

        OrderFacts build() {
            stock.putIfAbsent(new BinKey("SKU-001", STORES),
                    new StockLevel(BigDecimal.valueOf(100), BigDecimal.valueOf(100), BigDecimal.valueOf(100)));
            prices.putIfAbsent("SKU-001", new ItemPrice("SKU-001", null, BigDecimal.valueOf(250)));
            return new OrderFacts(TODAY, stock, priceList, prices, priceLists, companies, callerCompany, territories,
                    allowList, payment);
        }
    }
}

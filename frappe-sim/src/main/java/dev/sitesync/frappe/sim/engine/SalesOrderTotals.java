package dev.sitesync.frappe.sim.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.store.SiteTx;

/**
 * ERPNext's {@code calculate_taxes_and_totals} (Sales Orders and Sales Invoices alike) for the cases the simulator
 * supports: item amounts, "On Net Total" and
 * "Actual" taxes, totals, rounding and base (company currency) values, plus the names it fetches from masters.
 */
final class SalesOrderTotals {

    private static final int PRECISION = 2;

    private final SiteTx tx;

    SalesOrderTotals(SiteTx tx) {
        this.tx = tx;
    }

    void apply(ObjectNode order) {
        fetchFromMasters(order);
        BigDecimal conversion = positiveOr(order.path("conversion_rate").decimalValue(), BigDecimal.ONE);
        order.put("conversion_rate", conversion.doubleValue());
        if (order.path("plc_conversion_rate").decimalValue().signum() == 0) {
            order.put("plc_conversion_rate", conversion.doubleValue());
        }
        BigDecimal totalQty = BigDecimal.ZERO;
        BigDecimal netTotal = BigDecimal.ZERO;
        for (JsonNode node : order.path("items")) {
            ObjectNode row = (ObjectNode) node;
            fetchItem(order, row);
            BigDecimal qty = row.path("qty").decimalValue();
            BigDecimal rate = row.path("rate").decimalValue();
            if (rate.signum() == 0 && row.path("price_list_rate").decimalValue().signum() != 0) {
                BigDecimal discount = row.path("discount_percentage").decimalValue();
                rate = row.path("price_list_rate").decimalValue()
                        .multiply(BigDecimal.valueOf(100).subtract(discount)).divide(BigDecimal.valueOf(100));
            }
            BigDecimal amount = money(qty.multiply(rate));
            BigDecimal conversionFactor = positiveOr(row.path("conversion_factor").decimalValue(), BigDecimal.ONE);
            row.put("conversion_factor", conversionFactor.doubleValue());
            row.put("stock_qty", qty.multiply(conversionFactor).doubleValue());
            row.put("rate", rate.doubleValue());
            row.put("amount", amount.doubleValue());
            row.put("net_rate", rate.doubleValue());
            row.put("net_amount", amount.doubleValue());
            row.put("base_rate", money(rate.multiply(conversion)).doubleValue());
            row.put("base_amount", money(amount.multiply(conversion)).doubleValue());
            row.put("base_net_rate", money(rate.multiply(conversion)).doubleValue());
            row.put("base_net_amount", money(amount.multiply(conversion)).doubleValue());
            totalQty = totalQty.add(qty);
            netTotal = netTotal.add(amount);
        }
        BigDecimal running = netTotal;
        BigDecimal taxes = BigDecimal.ZERO;
        for (JsonNode node : order.path("taxes")) {
            ObjectNode tax = (ObjectNode) node;
            BigDecimal amount = "Actual".equals(tax.path("charge_type").asText())
                    ? tax.path("tax_amount").decimalValue()
                    : money(netTotal.multiply(tax.path("rate").decimalValue()).divide(BigDecimal.valueOf(100)));
            running = running.add(amount);
            taxes = taxes.add(amount);
            tax.put("tax_amount", amount.doubleValue());
            tax.put("tax_amount_after_discount_amount", amount.doubleValue());
            tax.put("total", running.doubleValue());
            tax.put("base_tax_amount", money(amount.multiply(conversion)).doubleValue());
            tax.put("base_total", money(running.multiply(conversion)).doubleValue());
        }
        BigDecimal grand = netTotal.add(taxes).subtract(order.path("discount_amount").decimalValue());
        BigDecimal rounded = grand.setScale(0, RoundingMode.HALF_UP);
        order.put("total_qty", totalQty.doubleValue());
        order.put("total", netTotal.doubleValue());
        order.put("net_total", netTotal.doubleValue());
        order.put("total_taxes_and_charges", taxes.doubleValue());
        order.put("grand_total", grand.doubleValue());
        order.put("rounded_total", rounded.doubleValue());
        order.put("rounding_adjustment", rounded.subtract(grand).doubleValue());
        order.put("base_total", money(netTotal.multiply(conversion)).doubleValue());
        order.put("base_net_total", money(netTotal.multiply(conversion)).doubleValue());
        order.put("base_total_taxes_and_charges", money(taxes.multiply(conversion)).doubleValue());
        order.put("base_grand_total", money(grand.multiply(conversion)).doubleValue());
        order.put("base_rounded_total", money(rounded.multiply(conversion)).doubleValue());
        order.put("base_rounding_adjustment", money(rounded.subtract(grand).multiply(conversion)).doubleValue());
        if (order.path("docstatus").asInt() == 0) {
            order.put("status", "Draft");
        }
        order.put("per_delivered", order.path("per_delivered").asDouble());
        order.put("per_billed", order.path("per_billed").asDouble());
    }

    private void fetchFromMasters(ObjectNode order) {
        tx.load("Customer", DocumentCodec.text(order, "customer"), false).ifPresent(customer -> {
            order.put("customer_name", DocumentCodec.text(customer.data(), "customer_name"));
            copyIfEmpty(order, "territory", customer.data());
            copyIfEmpty(order, "customer_group", customer.data());
            if (DocumentCodec.text(order, "selling_price_list").isEmpty()) {
                copyIfEmpty(order, "selling_price_list", "default_price_list", customer.data());
            }
        });
        // Selling Settings' default price list in a new ERPNext site
        if (DocumentCodec.text(order, "selling_price_list").isEmpty() && tx.exists("Price List", "Standard Selling")) {
            order.put("selling_price_list", "Standard Selling");
        }
        if (DocumentCodec.text(order, "currency").isEmpty()) {
            tx.load("Company", DocumentCodec.text(order, "company"), false).ifPresent(
                    company -> order.put("currency", DocumentCodec.text(company.data(), "default_currency")));
        }
        if (DocumentCodec.text(order, "title").isEmpty()) {
            order.put("title", DocumentCodec.text(order, "customer_name"));
        }
    }

    private void fetchItem(ObjectNode order, ObjectNode row) {
        tx.load("Item", DocumentCodec.text(row, "item_code"), false).ifPresent(item -> {
            copyIfEmpty(row, "item_name", item.data());
            copyIfEmpty(row, "description", item.data());
            copyIfEmpty(row, "item_group", item.data());
            copyIfEmpty(row, "stock_uom", item.data());
            if (DocumentCodec.text(row, "uom").isEmpty()) {
                row.put("uom", DocumentCodec.text(item.data(), "stock_uom"));
            }
        });
        if (DocumentCodec.text(row, "delivery_date").isEmpty() && !DocumentCodec.text(order, "delivery_date").isEmpty()) {
            row.put("delivery_date", DocumentCodec.text(order, "delivery_date"));
        }
        if (DocumentCodec.text(row, "warehouse").isEmpty() && !DocumentCodec.text(order, "set_warehouse").isEmpty()) {
            row.put("warehouse", DocumentCodec.text(order, "set_warehouse"));
        }
    }

    private static void copyIfEmpty(ObjectNode target, String field, String sourceField, ObjectNode source) {
        if (!DocumentCodec.text(source, sourceField).isEmpty()) {
            target.set(field, source.get(sourceField));
        }
    }

    private static void copyIfEmpty(ObjectNode target, String field, ObjectNode source) {
        if (DocumentCodec.text(target, field).isEmpty() && !DocumentCodec.text(source, field).isEmpty()) {
            target.set(field, source.get(field));
        }
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(PRECISION, RoundingMode.HALF_UP);
    }

    private static BigDecimal positiveOr(BigDecimal value, BigDecimal fallback) {
        return value.signum() > 0 ? value : fallback;
    }
}

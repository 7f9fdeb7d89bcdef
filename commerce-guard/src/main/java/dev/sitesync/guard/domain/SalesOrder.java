package dev.sitesync.guard.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A Sales Order as a storefront sends it, in ERPNext's field names (FRAPPE-CONTRACT §7). Only these fields are
 * accepted, so nothing reaches a site that the guard did not read. A Sales Order is never a return: ERPNext's returns
 * are Sales Invoices and Delivery Notes with {@code is_return}, and a Sales Order drops those fields on insert, so an
 * order claiming to be one is refused rather than treated as one (it would skip the stock check and still be created
 * as a normal order).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SalesOrder(
        @Pattern(regexp = "Sales Order", message = "must be 'Sales Order'") String doctype,
        @NotBlank @Size(max = 140) String customer,
        @Size(max = 140) String customerName,
        @NotBlank @Size(max = 140) String company,
        LocalDate transactionDate,
        LocalDate deliveryDate,
        LocalDate postingDate,
        @Size(max = 140) String orderType,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
        @Positive @SiteNumber BigDecimal conversionRate,
        @Size(max = 140) String sellingPriceList,
        @Size(max = 140) String territory,
        @Size(max = 140) String setWarehouse,
        @Size(max = 140) String poNo,
        @Min(0) @Max(1) Integer docstatus,
        @Null(message = RETURNS_ARE_INVOICES) Integer isReturn,
        @Null(message = RETURNS_ARE_INVOICES) String returnAgainst,
        @Size(max = 140) String taxesAndCharges,
        @Size(max = 50) List<@NotNull @Valid TaxRow> taxes,
        @Pattern(regexp = "Grand Total|Net Total", message = "must be 'Grand Total' or 'Net Total'") String applyDiscountOn,
        @DecimalMin("0") @DecimalMax("100") @SiteNumber BigDecimal additionalDiscountPercentage,
        @DecimalMin("0") @SiteNumber BigDecimal discountAmount,
        @SiteNumber BigDecimal total,
        @SiteNumber BigDecimal netTotal,
        @SiteNumber BigDecimal totalTaxesAndCharges,
        @SiteNumber BigDecimal grandTotal,
        @SiteNumber BigDecimal roundingAdjustment,
        @SiteNumber BigDecimal roundedTotal,
        @NotEmpty @Size(max = 500) List<@NotNull @Valid OrderItem> items) {

    static final String RETURNS_ARE_INVOICES = "must be absent: a Sales Order is never a return; returns are Sales Invoices or Delivery Notes";

    public SalesOrder {
        taxes = taxes == null ? List.of() : taxes;
        items = items == null ? List.of() : items;
    }

    /** The warehouse a line ships from: its own, or the order's default. */
    public String warehouseOf(OrderItem item) {
        return item.warehouse() != null && !item.warehouse().isBlank() ? item.warehouse() : setWarehouse;
    }

    public boolean asksToSubmit() {
        return docstatus != null && docstatus == 1;
    }

    /** The rate that turns the order's currency into the company's. */
    public BigDecimal effectiveConversionRate() {
        return conversionRate == null ? BigDecimal.ONE : conversionRate;
    }

    /** The same order as a draft: what a replay checks, since a stored order was created before it was submitted. */
    public SalesOrder asDraft() {
        return new SalesOrder(doctype, customer, customerName, company, transactionDate, deliveryDate, postingDate,
                orderType, currency, conversionRate, sellingPriceList, territory, setWarehouse, poNo, 0, isReturn,
                returnAgainst, taxesAndCharges, taxes, applyDiscountOn, additionalDiscountPercentage, discountAmount, total,
                netTotal, totalTaxesAndCharges, grandTotal, roundingAdjustment, roundedTotal, items);
    }
}

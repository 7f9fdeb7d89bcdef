package dev.sitesync.guard.domain;

import java.math.BigDecimal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A Sales Taxes and Charges row, in ERPNext's field names. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaxRow(
        @NotBlank @Pattern(regexp = TaxRow.CHARGE_TYPES, message = "must be one of ERPNext's charge types") String chargeType,
        @NotBlank @Size(max = 140) String accountHead,
        @Size(max = 140) String description,
        @Positive Integer rowId,
        @SiteNumber BigDecimal rate,
        @SiteNumber BigDecimal taxAmount,
        @SiteNumber BigDecimal total,
        @Min(0) @Max(1) Integer includedInPrintRate) {

    public static final String ON_NET_TOTAL = "On Net Total";
    public static final String ACTUAL = "Actual";
    public static final String ON_PREVIOUS_ROW_AMOUNT = "On Previous Row Amount";
    public static final String ON_PREVIOUS_ROW_TOTAL = "On Previous Row Total";
    public static final String ON_ITEM_QUANTITY = "On Item Quantity";
    static final String CHARGE_TYPES = "Actual|On Net Total|On Previous Row Amount|On Previous Row Total|On Item Quantity";

    public boolean includedInPrice() {
        return includedInPrintRate != null && includedInPrintRate == 1;
    }
}

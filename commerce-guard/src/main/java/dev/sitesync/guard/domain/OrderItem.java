package dev.sitesync.guard.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A Sales Order Item row, in ERPNext's field names. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderItem(
        @NotBlank @Size(max = 140) String itemCode,
        @Size(max = 140) String itemName,
        @Size(max = 10000) String description,
        @NotNull @Positive @SiteNumber BigDecimal qty,
        @Size(max = 140) String uom,
        @Size(max = 140) String stockUom,
        @Positive @SiteNumber BigDecimal conversionFactor,
        @PositiveOrZero @SiteNumber BigDecimal priceListRate,
        @DecimalMin("0") @DecimalMax("100") @SiteNumber BigDecimal discountPercentage,
        @DecimalMin("0") @SiteNumber BigDecimal discountAmount,
        @NotNull @PositiveOrZero @SiteNumber BigDecimal rate,
        @SiteNumber BigDecimal amount,
        @Size(max = 140) String warehouse,
        LocalDate deliveryDate) {

    /** The quantity in the item's stock unit, which is what Bins count. */
    public BigDecimal stockQty() {
        return conversionFactor == null ? qty : qty.multiply(conversionFactor);
    }

    /** What the line adds up to: quantity times rate. */
    public BigDecimal lineAmount() {
        return qty.multiply(rate);
    }
}

package dev.sitesync.guard.config;

import java.math.BigDecimal;
import java.util.Optional;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import dev.sitesync.guard.domain.Mode;
import dev.sitesync.guard.domain.Severity;

/**
 * One rule set: each rule's mode ({@code enforce}, {@code shadow}, {@code off}), severity ({@code review},
 * {@code block}) and thresholds, under the rule's own name. Every value has a default, so a candidate rule set states
 * only what it changes from the defaults.
 */
public interface RulesConfig {

    /** A name for the rule set; without one its version is a hash of its configuration. */
    Optional<String> version();

    @WithName("stock-short")
    Blocking stockShort();

    @WithName("taxes-missing")
    Reviewing taxesMissing();

    @WithName("submit-without-payment")
    UnpaidSubmit submitWithoutPayment();

    @WithName("discount-above-threshold")
    Discount discountAboveThreshold();

    Backdated backdated();

    @WithName("negative-margin")
    Reviewing negativeMargin();

    @WithName("high-value")
    HighValue highValue();

    @WithName("company-not-allowed")
    Blocking companyNotAllowed();

    @WithName("warehouse-territory-mismatch")
    Reviewing warehouseTerritoryMismatch();

    @WithName("totals-inconsistent")
    Totals totalsInconsistent();

    @WithName("allow-listed-customer")
    Switch allowListedCustomer();

    interface Switch {

        @WithDefault("enforce")
        Mode mode();
    }

    interface Blocking extends Switch {

        @WithDefault("block")
        Severity severity();
    }

    interface Reviewing extends Switch {

        @WithDefault("review")
        Severity severity();
    }

    interface UnpaidSubmit extends Blocking {

        /** How much less than the grand total a payment may be and still cover it (rounding by the provider). */
        @WithDefault("0.01")
        BigDecimal tolerance();
    }

    interface Discount extends Reviewing {

        @WithDefault("40")
        BigDecimal maxPercent();
    }

    interface Backdated extends Reviewing {

        /** Days before today a date may lie without a finding. */
        @WithDefault("0")
        int toleranceDays();
    }

    interface HighValue extends Reviewing {

        /** In the company's currency. */
        @WithDefault("500000")
        BigDecimal threshold();
    }

    interface Totals extends Blocking {

        @WithDefault("0.05")
        BigDecimal tolerance();

        @WithDefault("1")
        BigDecimal roundingAllowance();
    }
}

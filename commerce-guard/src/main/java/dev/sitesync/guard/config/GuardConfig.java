package dev.sitesync.guard.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** commerce-guard's configuration: every value can be set by environment variable ({@code GUARD_...}). */
@ConfigMapping(prefix = "guard")
public interface GuardConfig {

    /** The active rule set: what decides orders. */
    RulesConfig rules();

    /** Rule sets to backtest against the active one, by version name. */
    Map<String, RulesConfig> candidates();

    Map<String, SiteConfig> sites();

    /** Payment providers whose callbacks are accepted, by the name in the callback path. */
    Map<String, PaymentProvider> paymentProviders();

    /** After this long, a payment callback still being processed is taken to be abandoned and is taken over. */
    @WithDefault("PT1M")
    Duration paymentClaimTimeout();

    /**
     * How long a payment callback whose posting timed out waits before the provider's retry may post: a site's write
     * can commit after its caller gave up (a Frappe worker runs up to its own timeout, 120 s by default), and the retry
     * must see that write rather than post a second Payment Entry.
     */
    @WithDefault("PT2M")
    Duration paymentSettleTime();

    Stock stock();

    Orders orders();

    Kpis kpis();

    /** How often the review queue's gauges are read from the database. */
    @WithDefault("30s")
    String reviewQueueRefresh();

    /** How often expired Idempotency-Keys and old sightings of findings are forgotten. */
    @WithDefault("10m")
    String purgeEvery();

    Audit audit();

    Backtest backtest();

    interface PaymentProvider {

        /** HMAC secrets, current first; a second one lets the provider rotate without a gap. */
        List<String> secrets();

        /** How far a signature's timestamp may be from now. */
        @WithDefault("PT5M")
        Duration window();

        /** The Payment Entry's {@code mode_of_payment}, when the site needs one. */
        Optional<String> modeOfPayment();

        /** How far a paid amount may be from the order's total before it is held for review. */
        @WithDefault("0.01")
        BigDecimal amountTolerance();
    }

    interface Orders {

        /**
         * How long creating one order may take, site calls included; past it the storefront gets a 503 and retries
         * with the same Idempotency-Key. Keep it below the gateway's timeout for the orders route and above the
         * sites' request timeout.
         */
        @WithDefault("PT25S")
        Duration deadline();

        /** How long an Idempotency-Key is remembered, with the answer it got. */
        @WithDefault("P1D")
        Duration idempotencyTtl();
    }

    interface Kpis {

        /** When every site's KPIs of its previous day are computed and kept (Quartz cron); {@code off} disables it. */
        @WithDefault("0 15 0 * * ?")
        String cron();
    }

    interface Stock {

        /** How long a Bin read is reused; {@code PT0S} reads the site on every check. */
        @WithDefault("PT5S")
        Duration cacheTtl();

        @WithDefault("10000")
        long cacheSize();
    }

    interface Audit {

        /** When every site is audited (Quartz cron); {@code off} disables the schedule. */
        @WithDefault("0 30 2 * * ?")
        String cron();

        /** How far back the audits look at documents. */
        @WithDefault("30")
        int lookbackDays();

        /** Rows read from the site per page; a check reads every page of its window. */
        @WithDefault("500")
        int pageSize();

        /** A bound against a runaway window: a check stops after this many rows and reports itself truncated. */
        @WithDefault("1000000")
        int maxRows();

        /** How long one audit of a site may hold the site's lease; a run whose replica died frees it after this. */
        @WithDefault("PT2H")
        Duration lease();

        /** Returns and refunds of one customer in the window from which they are a finding. */
        @WithDefault("3")
        int refundsPerCustomer();

        /** How long the sightings of a finding are kept (the finding itself, with its first evidence, stays). */
        @WithDefault("P90D")
        Duration sightingsKept();

        @WithDefault("40")
        BigDecimal discountPercent();

        /** Days a document's date may lie before its creation without being backdated. */
        @WithDefault("0")
        int backdatedToleranceDays();

        /** Debits and credits of a voucher may differ by this much. */
        @WithDefault("0.01")
        BigDecimal glTolerance();

        /** Subscriptions Past Due for longer than this are stale. */
        @WithDefault("30")
        int pastDueDays();
    }

    interface Backtest {

        /** The most past orders one backtest replays. */
        @WithDefault("500")
        int maxOrders();

        /** Orders read from the site at once. */
        @WithDefault("4")
        int concurrency();

        /** The most differing orders listed in a report (all are counted). */
        @WithDefault("100")
        int maxDifferencesListed();
    }
}

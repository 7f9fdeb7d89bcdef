package dev.sitesync.guard.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * One site the guard works with, through its own API user scoped to Sales Order, Payment Entry and Bin (plus read
 * access to what the audits read). The secret comes from the environment ({@code GUARD_SITES_<CODE>_API_SECRET}) and
 * is never logged.
 */
public interface SiteConfig {

    URI url();

    /** Sent as {@code X-Frappe-Site-Name} when several sites share a host. */
    Optional<String> siteName();

    String apiKey();

    String apiSecret();

    /** The zone of the site's System Settings: its dates and naive datetimes are in it. */
    @WithDefault("UTC")
    ZoneId timeZone();

    @WithDefault("PT10S")
    Duration requestTimeout();

    @WithDefault("8")
    int maxConnections();

    /** The companies each caller (token subject) may order for on this site; a caller not listed may order for none. */
    Map<String, List<String>> callers();

    /** The warehouses each territory may ship from; territories not listed are not restricted. */
    Map<String, List<String>> territoryWarehouses();

    /**
     * Customers whose review findings are set aside, per caller (token subject): a storefront vouches for its own
     * customers only, so naming a customer another caller trusts waives nothing.
     */
    Map<String, List<String>> allowLists();

    /** The price list an order is priced from when it names none (Selling Settings' default on a new site). */
    @WithDefault("Standard Selling")
    String priceList();

    /** The price lists an order may name; the default list alone when not set. */
    Optional<List<String>> priceLists();

    /** The custom field on Sales Order that carries the note of an order held for review. */
    @WithDefault("sitesync_hold_note")
    String holdNoteField();

    /**
     * The custom field on Sales Order that carries the guard's decision ID, so a retried creation finds the order an
     * interrupted one created instead of creating a second; onboarding creates it (Frappe drops fields a doctype lacks).
     */
    @WithDefault("sitesync_decision")
    String decisionField();

    /** The account a Payment Entry receives into ({@code paid_to}); the site's default when absent. */
    Optional<String> paymentAccount();

    /** When this site is audited; overrides {@code guard.audit.cron}. */
    Optional<String> auditCron();
}

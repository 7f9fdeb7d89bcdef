package dev.sitesync.frappe.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** frappe-sim's configuration; every value can be set by environment variable ({@code FRAPPE_SIM_SITES}...). */
@ConfigMapping(prefix = "frappe-sim")
public interface SimConfig {

    /** Sites to create at start (codes such as {@code central}); each gets an Administrator key and a sync user. */
    Optional<List<String>> sites();

    /** Where to write the sites' base URLs and credentials as JSON; nothing is written without it. */
    Optional<Path> credentialsFile();

    /** The base URL written to the credentials file; by default {@code http://127.0.0.1:<http port>}. */
    Optional<String> publicUrl();

    /** The site requests go to when neither {@code X-Frappe-Site-Name} nor the host names one. */
    Optional<String> defaultSite();

    /** The zone of a new site's System Settings: datetimes are naive in this zone. */
    @WithDefault("UTC")
    String timeZone();

    /**
     * Zones of particular sites at creation, by site code ({@code frappe-sim.site-time-zones.north=Europe/Berlin},
     * {@code FRAPPE_SIM_SITE_TIME_ZONES_NORTH}); other sites get {@link #timeZone()}.
     */
    Map<String, String> siteTimeZones();

    /** Roles of the scoped sync user each created site gets. */
    @WithDefault("Item Manager,Sales Master Manager,Purchase Master Manager,Stock User,SiteSync Sync")
    List<String> syncUserRoles();

    Versions versions();

    Webhooks webhooks();

    Faults faults();

    Admin admin();

    Seed seed();

    interface Versions {

        @WithDefault("15.40.0")
        String frappe();

        @WithDefault("15.35.0")
        String erpnext();
    }

    interface Webhooks {

        /** Frappe's {@code requests} timeout for one delivery. */
        @WithDefault("5s")
        Duration timeout();

        /** Sleeps after the first and second failed try (Frappe: {@code sleep(3 * i + 1)}). */
        @WithDefault("1s,4s")
        List<Duration> retryDelays();

        @WithDefault("4")
        int deliveryThreads();
    }

    interface Faults {

        /** The first name of {@link Admin#enabled()}, still honoured. */
        @WithDefault("false")
        boolean enabled();
    }

    interface Admin {

        /** The admin API ({@code /admin/...}: faults, clocks, schema drift, request counts) exists only when true. */
        @WithDefault("false")
        boolean enabled();
    }

    interface Seed {

        /** The masters a working site needs: a company with warehouses, tree roots, UOMs, price lists. */
        @WithDefault("true")
        boolean masters();

        /** Load the ERPNext fixtures (and the masters they link to) into every created site. */
        @WithDefault("false")
        boolean fixtures();

        /** A directory holding the fixture files instead of the ones frappe-sim carries on its classpath. */
        Optional<Path> fixturesDir();

        /** Synthetic Items (with Item Prices and Bins) per created site, for benchmarks. */
        @WithDefault("0")
        int items();

        /** Synthetic Customers per created site. */
        @WithDefault("0")
        int customers();
    }
}

package dev.sitesync.frappe.client;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How to reach one Frappe site: its base URL, the site name sent as {@code X-Frappe-Site-Name} (for benches serving
 * many sites on one host; {@code null} to rely on the host name), the API credentials, the site's time zone (Frappe's
 * datetimes are naive, in the zone of the site's System Settings), and the limits of the connection pool.
 *
 * @param connectTimeout time allowed to open a connection
 * @param requestTimeout time allowed for a whole request, from sending to the last byte of the response
 * @param maxPoolSize most connections open to the site at once
 */
public record FrappeSite(URI baseUrl, String siteName, ApiCredentials credentials, ZoneId timeZone,
        Duration connectTimeout, Duration requestTimeout, int maxPoolSize) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_POOL_SIZE = 8;

    public FrappeSite {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
        String url = baseUrl.toString();
        if (url.endsWith("/")) {
            baseUrl = URI.create(url.substring(0, url.length() - 1));
        }
    }

    /** A site with the default zone (UTC), timeouts and pool size. */
    public static FrappeSite of(String baseUrl, ApiCredentials credentials) {
        return new FrappeSite(URI.create(baseUrl), null, credentials, ZoneId.of("UTC"), DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_POOL_SIZE);
    }

    public FrappeSite withSiteName(String name) {
        return new FrappeSite(baseUrl, name, credentials, timeZone, connectTimeout, requestTimeout, maxPoolSize);
    }

    public FrappeSite withTimeZone(ZoneId zone) {
        return new FrappeSite(baseUrl, siteName, credentials, zone, connectTimeout, requestTimeout, maxPoolSize);
    }

    public FrappeSite withTimeouts(Duration connect, Duration request) {
        return new FrappeSite(baseUrl, siteName, credentials, timeZone, connect, request, maxPoolSize);
    }

    public FrappeSite withMaxPoolSize(int size) {
        return new FrappeSite(baseUrl, siteName, credentials, timeZone, connectTimeout, requestTimeout, size);
    }
}

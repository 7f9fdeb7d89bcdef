package dev.sitesync.gateway.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import dev.sitesync.gateway.config.GatewayConfig;
import dev.sitesync.gateway.domain.IpRange;
import dev.sitesync.gateway.domain.IpRanges;

/**
 * The site registry as ownership-service publishes it ({@code GET /api/v1/sites}), kept in memory and read again
 * after {@code refresh} (conditionally, with its ETag). While the registry cannot be reached the last good read
 * serves for up to {@code max-stale}; after that every lookup fails, so webhooks fail closed rather than trust an
 * old list forever. One read at a time, whatever the load.
 */
@ApplicationScoped
public class SiteDirectory {

    private static final Logger LOG = Logger.getLogger(SiteDirectory.class);

    private record Snapshot(Map<String, SiteEntry> sites, String etag, long readAtNanos) {

        Duration age() {
            return Duration.ofNanos(System.nanoTime() - readAtNanos);
        }
    }

    private final WebClient http;
    private final ServiceTokens tokens;
    private final ObjectMapper json;
    private final String url;
    private final Duration refresh;
    private final Duration maxStale;
    private final Duration timeout;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicReference<Uni<Snapshot>> reading = new AtomicReference<>();

    public SiteDirectory(WebClient http, ServiceTokens tokens, ObjectMapper json, GatewayConfig config) {
        this.http = http;
        this.tokens = tokens;
        this.json = json;
        this.url = config.sites().url().replaceAll("/+$", "") + "/api/v1/sites";
        this.refresh = config.sites().refresh();
        this.maxStale = config.sites().maxStale();
        this.timeout = config.upstreams().timeout();
    }

    /** The site, empty when the registry does not know it; fails with {@link UpstreamFailure} when it cannot say. */
    public Uni<Optional<SiteEntry>> find(String code) {
        Snapshot snapshot = current.get();
        if (snapshot != null && snapshot.age().compareTo(refresh) < 0) {
            return Uni.createFrom().item(Optional.ofNullable(snapshot.sites().get(code)));
        }
        Uni<Snapshot> read = read(snapshot);
        if (snapshot != null && snapshot.age().compareTo(maxStale) < 0) {
            // serve what we have; the read goes on in the background and the next lookup sees it
            read.subscribe().with(fresh -> {
            }, failure -> {
            });
            return Uni.createFrom().item(Optional.ofNullable(snapshot.sites().get(code)));
        }
        return read.map(fresh -> Optional.ofNullable(fresh.sites().get(code)));
    }

    private Uni<Snapshot> read(Snapshot previous) {
        Uni<Snapshot> started = Uni.createFrom().deferred(() -> fetch(previous))
                .onTermination().invoke(() -> reading.set(null))
                .memoize().indefinitely();
        Uni<Snapshot> running = reading.compareAndExchange(null, started);
        return running != null ? running : started;
    }

    private Uni<Snapshot> fetch(Snapshot previous) {
        return tokens.authorization()
                .flatMap(authorization -> {
                    var request = http.getAbs(url).putHeader(HttpHeaders.AUTHORIZATION.toString(), authorization)
                            .putHeader(HttpHeaders.ACCEPT.toString(), "application/json").timeout(timeout.toMillis());
                    if (previous != null && previous.etag() != null) {
                        request.putHeader(HttpHeaders.IF_NONE_MATCH.toString(), previous.etag());
                    }
                    return request.send();
                })
                .map(response -> toSnapshot(response, previous))
                .invoke(current::set)
                .onFailure().transform(failure -> {
                    LOG.warnf("The site registry could not be read: %s", failure.getMessage());
                    return failure instanceof UpstreamFailure
                            ? failure
                            : new UpstreamFailure("site registry unreachable", failure);
                });
    }

    private Snapshot toSnapshot(HttpResponse<Buffer> response, Snapshot previous) {
        if (response.statusCode() == 304 && previous != null) {
            return new Snapshot(previous.sites(), previous.etag(), System.nanoTime());
        }
        if (response.statusCode() != 200) {
            throw new UpstreamFailure("site registry answered " + response.statusCode());
        }
        try {
            Map<String, SiteEntry> sites = new HashMap<>();
            for (JsonNode site : json.readTree(response.body().getBytes())) {
                String code = site.path("code").asText();
                sites.put(code, new SiteEntry(code, "active".equals(site.path("status").asText()), ranges(code, site)));
            }
            return new Snapshot(Map.copyOf(sites), response.getHeader(HttpHeaders.ETAG.toString()), System.nanoTime());
        } catch (java.io.IOException | RuntimeException e) {
            throw new UpstreamFailure("site registry answered an unreadable site list", e);
        }
    }

    private static IpRanges ranges(String code, JsonNode site) {
        List<IpRange> ranges = new ArrayList<>();
        for (JsonNode cidr : site.path("webhookCidrs")) {
            try {
                ranges.add(IpRange.parse(cidr.asText()));
            } catch (IllegalArgumentException e) {
                // ownership-service validates ranges; one it let through still widens nothing here
                LOG.warnf("Site %s has a webhook range the gateway cannot read; it is ignored", code);
            }
        }
        return new IpRanges(List.copyOf(ranges));
    }
}

package dev.sitesync.console.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import dev.sitesync.console.config.ConsoleConfig;

/**
 * The console's clients of the services, one per service and one per site's worker, made once. They carry no
 * credentials of their own: {@code @AccessToken} puts the signed-in person's access token on every call.
 */
@ApplicationScoped
public class ServiceClients {

    private final Map<String, WorkerApi> workers = new LinkedHashMap<>();
    private final OwnershipApi ownership;
    private final GuardApi guard;

    public ServiceClients(ConsoleConfig config) {
        for (String site : config.sites()) {
            workers.put(site, builder(config, config.workers().urlOf(site)).build(WorkerApi.class));
        }
        ownership = builder(config, config.ownershipUrl()).build(OwnershipApi.class);
        guard = builder(config, config.guardUrl()).build(GuardApi.class);
    }

    private static QuarkusRestClientBuilder builder(ConsoleConfig config, String url) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(url.replaceAll("/+$", "")))
                .connectTimeout(config.callTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .readTimeout(config.callTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The worker of a site the console is configured with; an unknown site is the caller's mistake. */
    public WorkerApi worker(String site) {
        WorkerApi worker = workers.get(site);
        if (worker == null) {
            throw new UnknownSiteException(site);
        }
        return worker;
    }

    /** The site code, when the console knows the site. */
    public String site(String site) {
        worker(site);
        return site;
    }

    public OwnershipApi ownership() {
        return ownership;
    }

    public GuardApi guard() {
        return guard;
    }

    /** A site code the console does not know: a typed URL or a stale link. */
    public static final class UnknownSiteException extends RuntimeException {

        public UnknownSiteException(String site) {
            super("No site '" + site + "' in this console; the sites are listed on the overview.");
        }
    }
}

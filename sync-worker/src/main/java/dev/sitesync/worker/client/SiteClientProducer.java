package dev.sitesync.worker.client;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import io.vertx.mutiny.core.Vertx;

import dev.sitesync.frappe.client.ApiCredentials;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeSite;
import dev.sitesync.worker.config.WorkerConfig;

/** The one Frappe site this worker talks to, with its sync user's credentials. */
@ApplicationScoped
public class SiteClientProducer {

    @Produces
    @ApplicationScoped
    FrappeClient siteClient(Vertx vertx, WorkerConfig config) {
        WorkerConfig.Frappe frappe = config.frappe();
        FrappeSite site = FrappeSite.of(frappe.url(), new ApiCredentials(frappe.apiKey(), frappe.apiSecret()))
                .withTimeZone(ZoneId.of(frappe.timeZone()))
                .withTimeouts(Duration.ofSeconds(5), frappe.requestTimeout())
                .withMaxPoolSize(frappe.maxPoolSize());
        if (frappe.siteName().isPresent()) {
            site = site.withSiteName(frappe.siteName().get());
        }
        return FrappeClient.create(vertx, site);
    }

    void close(@Disposes FrappeClient client) {
        client.close();
    }
}

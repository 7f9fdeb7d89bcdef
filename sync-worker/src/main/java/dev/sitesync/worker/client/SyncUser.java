package dev.sitesync.worker.client;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.FrappeClient;

/**
 * Who this worker is on its site: the sync user it writes as, and the only one that does, so a document last modified
 * by it was last written by SiteSync. Read once it succeeds.
 */
@ApplicationScoped
public class SyncUser {

    private final FrappeClient site;
    private volatile String name;

    public SyncUser(FrappeClient site) {
        this.site = site;
    }

    public Uni<String> name() {
        String known = name;
        return known != null ? Uni.createFrom().item(known) : site.loggedUser().invoke(user -> name = user);
    }
}

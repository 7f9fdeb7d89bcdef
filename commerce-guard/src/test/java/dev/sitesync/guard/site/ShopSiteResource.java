package dev.sitesync.guard.site;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Connects the guard under test to the {@link ShopSite}, through its own scoped API user. */
public class ShopSiteResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        ShopSite site = ShopSite.shared();
        String prefix = "guard.sites." + ShopSite.CODE + ".";
        return Map.of(
                prefix + "url", site.url(),
                prefix + "site-name", ShopSite.CODE,
                prefix + "api-key", ShopSite.GUARD_KEY,
                prefix + "api-secret", ShopSite.GUARD_SECRET);
    }

    @Override
    public void stop() {
        // the site serves every test of this JVM and stops with it
    }
}

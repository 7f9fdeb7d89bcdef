package dev.sitesync.frappe.sim.site;

import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.sitesync.frappe.sim.SimConfig;
import dev.sitesync.frappe.sim.engine.Caller;
import dev.sitesync.frappe.sim.engine.DocumentChanged;
import dev.sitesync.frappe.sim.engine.DocumentCodec;
import dev.sitesync.frappe.sim.engine.DocumentService;
import dev.sitesync.frappe.sim.engine.SiteClocks;
import dev.sitesync.frappe.sim.store.Transactions;

/**
 * Each site's {@code System Settings}, a Single as in Frappe ({@code GET /api/resource/System Settings/System
 * Settings}): its {@code time_zone} is the zone the site's clock writes naive datetimes in, from creation on. A saved
 * change (over REST or the admin API) moves the clock to the new zone; stored datetimes stay as they were written.
 */
@ApplicationScoped
public class SystemSettings {

    public static final String DOCTYPE = "System Settings";

    private final SimConfig config;
    private final DocumentService documents;
    private final Transactions transactions;
    private final SiteClocks clocks;

    public SystemSettings(SimConfig config, DocumentService documents, Transactions transactions,
            SiteClocks clocks) {
        this.config = config;
        this.documents = documents;
        this.transactions = transactions;
        this.clocks = clocks;
    }

    /** Sets the site's clock to its stored zone; a site without settings gets them, in the configured zone. */
    void load(String site) {
        String stored = transactions.inSite(site, tx -> tx.load(DOCTYPE, DOCTYPE, false))
                .map(settings -> DocumentCodec.text(settings.data(), "time_zone")).orElse("");
        if (!stored.isEmpty()) {
            clocks.of(site).zone(ZoneId.of(stored));
            return;
        }
        String zone = config.siteTimeZones().getOrDefault(site, config.timeZone());
        clocks.of(site).zone(ZoneId.of(zone));
        documents.insert(Caller.administrator(site), DOCTYPE, DocumentCodec.object().put("time_zone", zone), false);
    }

    /** Saves a new zone as an Administrator would in the desk. */
    public void timeZone(String site, String zone) {
        documents.update(Caller.administrator(site), DOCTYPE, DOCTYPE,
                DocumentCodec.object().put("time_zone", zone));
    }

    void changed(@Observes DocumentChanged change) {
        if (DOCTYPE.equals(change.doctype()) && !DocumentCodec.text(change.doc(), "time_zone").isEmpty()) {
            clocks.of(change.site()).zone(ZoneId.of(DocumentCodec.text(change.doc(), "time_zone")));
        }
    }
}

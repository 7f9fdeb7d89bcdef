package dev.sitesync.frappe.sim.admin;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.frappe.sim.SimConfig;
import dev.sitesync.frappe.sim.site.SiteRegistry;

/**
 * What every admin route checks first: that the admin API was switched on at start ({@code FRAPPE_SIM_ADMIN_ENABLED},
 * or its first name {@code FRAPPE_SIM_FAULTS_ENABLED}), and that the site exists; and how it reads a body.
 */
@ApplicationScoped
public class AdminGate {

    private final SiteRegistry sites;
    private final ObjectMapper mapper;
    private final boolean enabled;

    public AdminGate(SiteRegistry sites, ObjectMapper mapper, SimConfig config) {
        this.sites = sites;
        this.mapper = mapper;
        this.enabled = config.admin().enabled() || config.faults().enabled();
    }

    public boolean enabled() {
        return enabled;
    }

    /** The site, once the admin API is on and the site known; a 404 problem otherwise. */
    public String site(String site) {
        if (!enabled) {
            throw new AdminRefusal(ProblemType.NOT_FOUND, "The admin API is off: start frappe-sim with"
                    + " FRAPPE_SIM_ADMIN_ENABLED=true to use it");
        }
        if (!sites.contains(site)) {
            throw new AdminRefusal(ProblemType.NOT_FOUND, "No site " + site + "; known sites: "
                    + String.join(", ", new java.util.TreeSet<>(sites.codes())));
        }
        return site;
    }

    /** The body as {@code type}; a 400 problem naming what is wrong with it. */
    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new AdminRefusal(ProblemType.INVALID_REQUEST, "The request needs a JSON body; see frappe-sim's"
                    + " README for its fields");
        }
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new AdminRefusal(ProblemType.INVALID_REQUEST, "The body is not acceptable: " + why);
        }
    }
}

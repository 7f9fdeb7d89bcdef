package dev.sitesync.ownership.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole ownership policy: sites, data domains and declared ownership transfers. */
public final class Policy {

    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private final List<Transfer> transfers;

    /** Sites and domains must have distinct codes and doctypes ({@link PolicyReader} refuses duplicates). */
    public Policy(List<Site> sites, List<Domain> domains, List<Transfer> transfers) {
        sites.forEach(site -> this.sites.put(site.code(), site));
        domains.forEach(domain -> this.domains.put(domain.doctype(), domain));
        this.transfers = List.copyOf(transfers);
    }

    public Optional<Site> site(String code) {
        return Optional.ofNullable(sites.get(code));
    }

    public Optional<Domain> domain(String doctype) {
        return Optional.ofNullable(domains.get(doctype));
    }

    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    public List<Domain> domains() {
        return List.copyOf(domains.values());
    }

    public List<Transfer> transfers() {
        return transfers;
    }
}

package dev.sitesync.worker.domain;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a worker needs to know of the ownership policy to capture: which doctypes its site owns (or registers as
 * references) and which field scopes a federated doctype. The decisions themselves come from ownership-service.
 */
public final class SyncPolicy {

    /**
     * One data domain: its class, and its owner or the field that scopes ownership with its owners.
     *
     * @param federatedOwners for a federated domain, the owning site of each value of its scope field
     */
    public record Domain(String doctype, String dataClass, String owner, String scopeField,
            Map<String, String> federatedOwners) {

        boolean ownedBy(String site) {
            return site.equals(owner) || federatedOwners.containsValue(site);
        }

        public boolean isMaster() {
            return "MASTER".equals(dataClass);
        }
    }

    private final int version;
    private final Map<String, Domain> domains;
    private final Map<String, String> captureWindows;
    private final Map<String, Set<String>> consumers;

    public SyncPolicy(int version, Map<String, Domain> domains) {
        this(version, domains, Map.of(), Map.of());
    }

    /**
     * @param captureWindows the cron of each doctype whose owner captures it in an off-peak window only
     * @param consumers the sites each doctype is sent to
     */
    public SyncPolicy(int version, Map<String, Domain> domains, Map<String, String> captureWindows,
            Map<String, Set<String>> consumers) {
        this.version = version;
        this.domains = domains;
        this.captureWindows = captureWindows;
        this.consumers = consumers;
    }

    /** Reads the JSON form of the policy document ({@code GET /api/v1/policy}'s {@code policy}). */
    public static SyncPolicy fromJson(int version, JsonNode policy) {
        Map<String, Domain> domains = new HashMap<>();
        Map<String, String> windows = new HashMap<>();
        Map<String, Set<String>> consumers = new HashMap<>();
        for (JsonNode domain : policy.path("domains")) {
            Set<String> sites = new LinkedHashSet<>();
            domain.path("consumers").forEach(consumer -> sites.add(consumer.path("site").asText()));
            consumers.put(domain.path("doctype").asText(), sites);
            JsonNode capture = domain.path("capture");
            if ("scheduled".equals(capture.path("mode").asText()) && capture.hasNonNull("cron")) {
                windows.put(domain.path("doctype").asText(), capture.path("cron").asText());
            }
            JsonNode federated = domain.path("federated");
            Map<String, String> owners = new LinkedHashMap<>();
            federated.path("owners").properties().forEach(owner -> owners.put(owner.getKey(), owner.getValue().asText()));
            domains.put(domain.path("doctype").asText(), new Domain(domain.path("doctype").asText(),
                    domain.path("class").asText(), domain.path("owner").asText(null),
                    federated.path("field").asText(null), owners));
        }
        return new SyncPolicy(version, domains, windows, consumers);
    }

    /** The sites the doctype is sent to. */
    public Set<String> consumersOf(String doctype) {
        return consumers.getOrDefault(doctype, Set.of());
    }

    /** The off-peak window (a Quartz cron) in which the doctype is captured, when its policy says {@code scheduled}. */
    public Optional<String> captureWindow(String doctype) {
        return Optional.ofNullable(captureWindows.get(doctype));
    }

    public int version() {
        return version;
    }

    /** Doctypes whose changes on this site go out: masters it owns (wholly or for some scope values). */
    public Set<String> ownedMasters(String site) {
        Set<String> owned = new LinkedHashSet<>();
        domains.values().stream().filter(d -> "MASTER".equals(d.dataClass()) && d.ownedBy(site))
                .forEach(d -> owned.add(d.doctype()));
        return owned;
    }

    /** Doctypes registered as references wherever they are created. */
    public Set<String> referenceOnly() {
        Set<String> references = new LinkedHashSet<>();
        domains.values().stream().filter(d -> "REFERENCE_ONLY".equals(d.dataClass()))
                .forEach(d -> references.add(d.doctype()));
        return references;
    }

    /** Doctypes this site takes from others (masters owned elsewhere, or partly elsewhere). */
    public Set<String> masters() {
        Set<String> masters = new LinkedHashSet<>();
        domains.values().stream().filter(d -> "MASTER".equals(d.dataClass())).forEach(d -> masters.add(d.doctype()));
        return masters;
    }

    /** Whether this worker captures changes of the doctype at all: masters (owned or not, to catch local edits) and references. */
    public boolean isCaptured(String doctype) {
        Domain domain = domains.get(doctype);
        return domain != null && ("MASTER".equals(domain.dataClass()) || "REFERENCE_ONLY".equals(domain.dataClass()));
    }

    /** Whether the policy names the doctype at all (in any class), so it may be a metric tag. */
    public boolean classifies(String doctype) {
        return domains.containsKey(doctype);
    }

    /** The doctype's domain, if the policy names it. */
    public Optional<Domain> domain(String doctype) {
        return Optional.ofNullable(domains.get(doctype));
    }

    public Optional<String> scopeField(String doctype) {
        return Optional.ofNullable(domains.get(doctype)).map(Domain::scopeField);
    }

    /** Whether a Link to this doctype names a document this site owns and sends, so it travels as a dependency. */
    public boolean isOwnedMaster(String site, String doctype) {
        Domain domain = domains.get(doctype);
        return domain != null && "MASTER".equals(domain.dataClass()) && domain.ownedBy(site);
    }

    /**
     * Masters this site receives from others: every master it does not own wholly (a federated doctype's other
     * scopes come from their owners).
     */
    public Set<String> receivedMasters(String site) {
        Set<String> received = new LinkedHashSet<>();
        domains.values().stream().filter(d -> "MASTER".equals(d.dataClass()) && !site.equals(d.owner()))
                .forEach(d -> received.add(d.doctype()));
        return received;
    }

    /** The sites that own the doctype's documents: its owner, or the owners of a federated doctype's scopes. */
    public Set<String> ownersOf(String doctype) {
        Domain domain = domains.get(doctype);
        if (domain == null) {
            return Set.of();
        }
        Set<String> owners = new LinkedHashSet<>(domain.federatedOwners().values());
        if (domain.owner() != null) {
            owners.add(domain.owner());
        }
        return owners;
    }

    /** Doctypes the policy says are never synchronized (ledgers): a sync user has no business reading them. */
    public Set<String> neverSynced() {
        Set<String> never = new LinkedHashSet<>();
        domains.values().stream().filter(d -> "NEVER".equals(d.dataClass())).forEach(d -> never.add(d.doctype()));
        return never;
    }
}

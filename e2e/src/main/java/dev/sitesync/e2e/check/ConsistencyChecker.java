package dev.sitesync.e2e.check;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.localstack.OpsApi;

/**
 * Checks what SiteSync promises, from the sites and the workers' audit logs, never from the workers' own counters:
 * for each consumer and doctype, every document of its owner is present exactly once (by external ID) with equal
 * content after the consumer's field policy, and the versions applied per document only ever increased.
 */
public final class ConsistencyChecker {

    private static final Duration CALL = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where to look: each site as its Administrator, the services, and each worker's database. */
    public record Sources(Function<String, FrappeClient> sites, OpsApi api, String identityUrl, String ownershipUrl,
            Map<String, String> workerJdbcUrls, String databaseUser, String databasePassword) {
    }

    /**
     * Which documents: those of these doctypes (all masters when empty) whose name starts with the prefix (all when
     * empty). Without a prefix only documents with an external ID count: seed data no one changed was never synced.
     */
    public record Scope(Set<String> doctypes, String namePrefix) {

        public static Scope everything() {
            return new Scope(Set.of(), "");
        }
    }

    private final Sources sources;

    public ConsistencyChecker(Sources sources) {
        this.sources = sources;
    }

    public ConsistencyReport check(Scope scope) {
        JsonNode policy = sources.api().get(sources.ownershipUrl() + "/api/v1/policy", "ops-auditor").path("policy");
        List<Finding> findings = new ArrayList<>();
        for (JsonNode domain : policy.path("domains")) {
            String doctype = domain.path("doctype").asText();
            if (!"MASTER".equals(domain.path("class").asText())
                    || (!scope.doctypes().isEmpty() && !scope.doctypes().contains(doctype))) {
                continue;
            }
            Map<String, ObjectNode> owned = ownerDocuments(domain, scope);
            Map<String, String> externalIds = externalIds(doctype, owned);
            Set<String> owners = new HashSet<>();
            owned.keySet().forEach(key -> owners.add(key.substring(0, key.indexOf('/'))));
            Map<String, Long> captured = capturedOrder(owners, doctype); // read once, for every consumer
            for (JsonNode consumer : domain.path("consumers")) {
                findings.add(checkConsumer(doctype, consumer, owned, externalIds, captured, scope));
            }
        }
        return new ConsistencyReport(findings);
    }

    /** The owner's documents in scope, by "site/name"; a federated doctype's from each owner, by its scope field. */
    private Map<String, ObjectNode> ownerDocuments(JsonNode domain, Scope scope) {
        String doctype = domain.path("doctype").asText();
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        if (domain.hasNonNull("owner")) {
            fetch(domain.path("owner").asText(), doctype, scope, null, List.of())
                    .forEach(doc -> documents.put(domain.path("owner").asText() + "/" + doc.path("name").asText(), doc));
            return documents;
        }
        JsonNode federated = domain.path("federated");
        Map<String, List<String>> valuesBySite = new HashMap<>();
        federated.path("owners").fields().forEachRemaining(e -> valuesBySite
                .computeIfAbsent(e.getValue().asText(), s -> new ArrayList<>()).add(e.getKey()));
        valuesBySite.forEach((site, values) -> fetch(site, doctype, scope, federated.path("field").asText(), values)
                .forEach(doc -> documents.put(site + "/" + doc.path("name").asText(), doc)));
        return documents;
    }

    private List<ObjectNode> fetch(String site, String doctype, Scope scope, String scopeField, List<String> values) {
        List<Filter> filters = new ArrayList<>();
        if (!scope.namePrefix().isEmpty()) {
            filters.add(Filter.like("name", scope.namePrefix() + "%"));
        }
        if (scopeField != null) {
            filters.add(Filter.in(scopeField, values));
        }
        FrappeClient client = sources.sites().apply(site);
        List<ObjectNode> names = client.list(ListQuery.of(doctype).fields("name").where(filters.toArray(Filter[]::new))
                .unlimited()).await().atMost(CALL);
        return Multi.createFrom().iterable(names)
                .onItem().transformToUni(row -> client.get(doctype, row.path("name").asText())).merge(8)
                .collect().asList().await().atMost(Duration.ofMinutes(10));
    }

    /** External IDs of the owner's documents by "site/name", from identity-service (never assigning one). */
    private Map<String, String> externalIds(String doctype, Map<String, ObjectNode> owned) {
        Map<String, String> ids = new HashMap<>();
        List<String> keys = List.copyOf(owned.keySet());
        for (int from = 0; from < keys.size(); from += 1000) {
            ObjectNode request = JSON.createObjectNode().put("assign", false);
            ArrayNode items = request.putArray("items");
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
            batch.forEach(key -> items.addObject().put("site", key.substring(0, key.indexOf('/'))).put("doctype", doctype)
                    .put("localName", key.substring(key.indexOf('/') + 1)));
            JsonNode results = sources.api().post(sources.identityUrl() + "/api/v1/identities/resolve",
                    request.toString(), "ops-admin").path("results");
            for (int i = 0; i < batch.size(); i++) {
                String id = results.path(i).path("externalId").asText("");
                if (!id.isEmpty() && !id.equals("null")) {
                    ids.put(batch.get(i), id);
                }
            }
        }
        return ids;
    }

    private Finding checkConsumer(String doctype, JsonNode policy, Map<String, ObjectNode> owned,
            Map<String, String> externalIds, Map<String, Long> captured, Scope scope) {
        String consumer = policy.path("site").asText();
        Set<String> dropped = new HashSet<>();
        policy.path("excludeFields").forEach(f -> dropped.add(f.asText()));
        policy.path("localFields").forEach(f -> dropped.add(f.asText()));
        FrappeClient site = sources.sites().apply(consumer);
        Map<String, List<String>> copies = new HashMap<>();
        site.list(ListQuery.of(doctype).fields("name", "sitesync_external_id")
                .where(Filter.isSet("sitesync_external_id")).unlimited()).await().atMost(CALL)
                .forEach(row -> copies.computeIfAbsent(row.path("sitesync_external_id").asText(), k -> new ArrayList<>())
                        .add(row.path("name").asText()));
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        int inScope = 0;
        int present = 0;
        for (Map.Entry<String, ObjectNode> document : owned.entrySet()) {
            if (document.getKey().startsWith(consumer + "/")) {
                continue; // a federated owner does not consume its own records
            }
            String externalId = externalIds.get(document.getKey());
            if (externalId == null && scope.namePrefix().isEmpty()) {
                continue;
            }
            inScope++;
            List<String> names = externalId == null ? List.of() : copies.getOrDefault(externalId, List.of());
            if (names.isEmpty()) {
                missing.add(document.getKey());
            } else if (names.size() > 1) {
                duplicated.add(document.getKey() + "=" + names);
            } else {
                ObjectNode copy = site.get(doctype, names.get(0)).await().atMost(CALL);
                Set<String> fields = Normalized.differences(Normalized.of(document.getValue(), dropped),
                        Normalized.of(copy, dropped));
                if (fields.isEmpty()) {
                    present++;
                } else {
                    differing.add(document.getKey() + " " + fields);
                }
            }
        }
        int[] order = appliedOrder(consumer, doctype, new HashSet<>(externalIds.values()), captured);
        return new Finding(consumer, doctype, inScope, present, missing, duplicated, differing, order[0], order[1]);
    }

    /**
     * The order the owners captured each version in ("externalId version" to its first entry in the owner's sync log):
     * the order versions must be applied in, which {@code modified} alone does not give (a DST fall-back hour repeats
     * naive times; a late commit carries an older one).
     */
    private Map<String, Long> capturedOrder(Set<String> owners, String doctype) {
        Map<String, Long> captured = new HashMap<>();
        for (String owner : owners) {
            String jdbcUrl = sources.workerJdbcUrls().get(owner);
            if (jdbcUrl == null) {
                continue;
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl, sources.databaseUser(),
                    sources.databasePassword());
                    PreparedStatement query = connection.prepareStatement("select external_id::text, version, min(id)"
                            + " from sync_log where status = 'QUEUED' and doctype = ? group by 1, 2")) {
                query.setString(1, doctype);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        captured.put(rows.getString(1) + " " + rows.getString(2), rows.getLong(3));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read the sync log of " + owner + "'s worker: " + e.getMessage(),
                        e);
            }
        }
        return captured;
    }

    /**
     * From the consumer worker's sync log: applies of a version the owner captured before one applied already (by
     * {@code modified} where the owner's log does not say), and of a version applied already.
     */
    private int[] appliedOrder(String consumer, String doctype, Set<String> externalIds, Map<String, Long> captured) {
        String jdbcUrl = sources.workerJdbcUrls().get(consumer);
        Map<String, String> last = new HashMap<>();
        int outOfOrder = 0;
        int reapplied = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, sources.databaseUser(),
                sources.databasePassword());
                PreparedStatement query = connection.prepareStatement("select external_id::text, version from sync_log "
                        + "where status = 'APPLIED' and doctype = ? order by id")) {
            query.setString(1, doctype);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String externalId = rows.getString(1);
                    String version = rows.getString(2);
                    if (!externalIds.contains(externalId) || version == null) {
                        continue;
                    }
                    String before = last.put(externalId, version);
                    if (before != null && older(externalId, version, before, captured)) {
                        outOfOrder++;
                    } else if (before != null && version.equals(before)) {
                        reapplied++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the sync log of " + consumer + "'s worker: " + e.getMessage(), e);
        }
        return new int[]{outOfOrder, reapplied};
    }

    private static boolean older(String externalId, String version, String applied, Map<String, Long> captured) {
        Long rank = captured.get(externalId + " " + version);
        Long appliedRank = captured.get(externalId + " " + applied);
        return rank != null && appliedRank != null ? rank < appliedRank : version.compareTo(applied) < 0;
    }
}

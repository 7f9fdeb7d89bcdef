package dev.sitesync.e2e.check;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.sitesync.localstack.OpsApi;

/**
 * Checks what SiteSync promises, as a thin client of the workers' reconciliation: for each consumer and doctype it
 * asks the consumer's worker to reconcile with each owner (every owner document present exactly once, by external ID,
 * with equal content after the consumer's field policy) and reads the report; and, from the workers' audit logs, that
 * the versions applied per document only ever increased, which a reconciliation of today's copies cannot tell.
 */
public final class ConsistencyChecker {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long one reconciliation may run before the check gives up on it. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(15);
    private static final Duration POLL = Duration.ofMillis(300);
    private static final String ADMIN = "ops-admin";

    /** Where to look: the services, each worker's base URL, and each worker's database (its audit log). */
    public record Sources(OpsApi api, String ownershipUrl, Function<String, String> workerUrls,
            Map<String, String> workerJdbcUrls, String databaseUser, String databasePassword) {
    }

    /**
     * Which documents: those of these doctypes (all masters when empty) whose name starts with the prefix (all when
     * empty).
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
            Set<String> owners = new LinkedHashSet<>();
            if (domain.hasNonNull("owner")) {
                owners.add(domain.path("owner").asText());
            }
            domain.path("federated").path("owners").forEach(owner -> owners.add(owner.asText()));
            Map<String, Long> captured = capturedOrder(owners, doctype, scope.namePrefix()); // once for every consumer
            for (JsonNode consumer : domain.path("consumers")) {
                findings.add(checkConsumer(doctype, consumer.path("site").asText(), owners, captured, scope));
            }
        }
        return new ConsistencyReport(findings);
    }

    private Finding checkConsumer(String doctype, String consumer, Set<String> owners, Map<String, Long> captured,
            Scope scope) {
        int compared = 0;
        int present = 0;
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (String owner : owners) {
            if (owner.equals(consumer)) {
                continue; // a federated owner does not consume its own records
            }
            JsonNode run = reconcile(consumer, owner, doctype, scope.namePrefix());
            compared += run.path("compared").asInt();
            present += run.path("inSync").asInt();
            for (JsonNode finding : findings(consumer, run.path("id").asLong())) {
                String document = owner + "/" + finding.path("sourceName").asText();
                switch (finding.path("kind").asText()) {
                    case "MISSING" -> missing.add(document);
                    case "DUPLICATED" -> duplicated.add(document + "=[" + finding.path("localNames").asText() + "]");
                    case "STALE" -> differing.add(document + " " + finding.path("detail").asText());
                    default -> {
                        // extra copies are an operator's to judge; the check is about the owner's documents
                    }
                }
            }
        }
        Set<String> externalIds = new LinkedHashSet<>();
        captured.keySet().forEach(key -> externalIds.add(key.substring(0, key.indexOf(' '))));
        int[] order = appliedOrder(consumer, doctype, externalIds, captured);
        return new Finding(consumer, doctype, compared, present, missing, duplicated, differing, order[0], order[1]);
    }

    /** Starts a reconciliation on the consumer's worker (after one of the same scope that is running) and awaits it. */
    private JsonNode reconcile(String consumer, String owner, String doctype, String prefix) {
        String url = sources.workerUrls().apply(consumer) + "/ops/v1/reconciliations";
        String request = JSON.createObjectNode().put("source", owner).put("doctype", doctype).put("namePrefix", prefix)
                .toString();
        OpsApi.Answer started = Uni.createFrom().item(() -> sources.api().call("POST", url, request, ADMIN))
                .repeat().withDelay(POLL).whilst(answer -> answer.status() == 409)
                .collect().last().await().atMost(RUN_LIMIT);
        if (started.status() != 202) {
            throw new IllegalStateException("The worker of " + consumer + " refused to reconcile " + doctype + " from "
                    + owner + ": " + started.status() + " " + started.body());
        }
        String report = url + "/" + started.body().path("id").asLong() + "?limit=1";
        JsonNode run = Uni.createFrom().item(() -> sources.api().get(report, ADMIN).path("reconciliation"))
                .repeat().withDelay(POLL).whilst(state -> "RUNNING".equals(state.path("status").asText()))
                .collect().last().await().atMost(RUN_LIMIT);
        if (!"DONE".equals(run.path("status").asText())) {
            throw new IllegalStateException("The reconciliation of " + doctype + " from " + owner + " on " + consumer
                    + " ended " + run.path("status").asText() + ": " + run.path("error").asText());
        }
        return run;
    }

    private List<JsonNode> findings(String consumer, long run) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = sources.api().get(sources.workerUrls().apply(consumer) + "/ops/v1/reconciliations/" + run
                    + "?limit=1000&after=" + after, ADMIN);
            page.path("findings").forEach(all::add);
            if (page.path("next").isNull() || page.path("next").isMissingNode()) {
                return all;
            }
            after = page.path("next").asLong();
        }
    }

    /**
     * The order the owners captured each version in ("externalId version" to its first entry in the owner's sync log)
     * of the documents in scope: the order versions must be applied in, which {@code modified} alone does not give (a
     * DST fall-back hour repeats naive times; a late commit carries an older one).
     */
    private Map<String, Long> capturedOrder(Set<String> owners, String doctype, String prefix) {
        Map<String, Long> captured = new HashMap<>();
        for (String owner : owners) {
            String jdbcUrl = sources.workerJdbcUrls().get(owner);
            if (jdbcUrl == null) {
                continue;
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl, sources.databaseUser(),
                    sources.databasePassword());
                    PreparedStatement query = connection.prepareStatement("select external_id::text, version, min(id)"
                            + " from sync_log where status = 'QUEUED' and doctype = ? and local_name like ?"
                            + " group by 1, 2")) {
                query.setString(1, doctype);
                query.setString(2, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
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
                PreparedStatement query = connection.prepareStatement("select external_id::text, version, status "
                        + "from sync_log where status in ('APPLIED', 'REPAIR_REQUESTED') and doctype = ? order by id")) {
            query.setString(1, doctype);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String externalId = rows.getString(1);
                    String version = rows.getString(2);
                    if (!externalIds.contains(externalId) || version == null) {
                        continue;
                    }
                    if ("REPAIR_REQUESTED".equals(rows.getString(3))) {
                        last.remove(externalId); // an operator asked for the version to be written again
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

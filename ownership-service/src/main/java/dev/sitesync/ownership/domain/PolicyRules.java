package dev.sitesync.ownership.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.JsonNode;

import dev.sitesync.contracts.ownership.DataClass;

/** The rules of a policy that its schema cannot state, checked on a schema-valid tree so each error has its line. */
final class PolicyRules {

    /** The syntax the workers read capture windows in (cron-utils, as Quarkus' scheduler). */
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private static final List<String> NAMED_OWNERS = List.of("businessOwner", "technicalOwner", "escalation");

    private final List<PolicyError> errors = new ArrayList<>();
    private final Set<String> siteCodes = new HashSet<>();
    private final Map<String, JsonNode> domainsByDoctype = new HashMap<>();

    private PolicyRules() {
    }

    static List<PolicyError> check(JsonNode root) {
        PolicyRules rules = new PolicyRules();
        rules.checkSites(root.path("sites"));
        rules.checkDomains(root.path("domains"));
        rules.checkTransfers(root.path("transfers"));
        return rules.errors;
    }

    private void checkSites(JsonNode sites) {
        for (int i = 0; i < sites.size(); i++) {
            JsonNode site = sites.get(i);
            String path = "sites[" + i + "]";
            if (!siteCodes.add(site.get("code").asText())) {
                error(site.get("code"), path + ".code", "site '" + site.get("code").asText() + "' is declared twice");
            }
            site.path("versions").properties().forEach(version -> checkVersion(version.getValue(),
                    path + ".versions." + version.getKey()));
            JsonNode cidrs = site.path("webhookCidrs");
            for (int c = 0; c < cidrs.size(); c++) {
                if (!Cidr.isValid(cidrs.get(c).asText())) {
                    error(cidrs.get(c), path + ".webhookCidrs[" + c + "]",
                            "'" + cidrs.get(c).asText() + "' is not a CIDR such as 10.0.0.0/24 or 2001:db8::/32");
                }
            }
        }
    }

    private void checkDomains(JsonNode domains) {
        for (int i = 0; i < domains.size(); i++) {
            JsonNode domain = domains.get(i);
            String path = "domains[" + i + "]";
            String doctype = domain.get("doctype").asText();
            JsonNode earlier = domainsByDoctype.putIfAbsent(doctype, domain);
            if (earlier != null) {
                error(domain.get("doctype"), path + ".doctype",
                        "%s is declared twice (lines %d and %d); a doctype has exactly one owner"
                                .formatted(doctype, PolicyDocument.lineOf(earlier), PolicyDocument.lineOf(domain)));
                continue;
            }
            DataClass dataClass = DataClass.valueOf(domain.get("class").asText());
            checkClass(domain, path, doctype, dataClass);
            checkNamedOwners(domain, path, doctype);
            if (dataClass == DataClass.MASTER) {
                checkOwnership(domain, path, doctype);
            } else {
                for (String field : List.of("owner", "federated", "consumers")) {
                    if (domain.has(field)) {
                        error(domain.get(field), path + "." + field, "%s is %s: it is never copied, so it has no %s"
                                .formatted(doctype, dataClass, field));
                    }
                }
            }
            checkCapture(domain.path("capture"), path + ".capture");
            domain.path("supportedVersions").properties().forEach(range -> checkRange(range.getValue(),
                    path + ".supportedVersions." + range.getKey()));
        }
    }

    private void checkClass(JsonNode domain, String path, String doctype, DataClass declared) {
        DefaultClasses.of(doctype).filter(fixed -> !declared.isAtLeastAsStrictAs(fixed)).ifPresent(fixed -> error(
                domain.get("class"), path + ".class",
                "%s is %s by rule (ARCHITECTURE §3); a policy may make it stricter, not %s"
                        .formatted(doctype, fixed, declared)));
    }

    /** Seed §29: no domain without people who answer for it, whatever its class. */
    private void checkNamedOwners(JsonNode domain, String path, String doctype) {
        List<String> missing = NAMED_OWNERS.stream().filter(field -> domain.path(field).asText("").isBlank()).toList();
        if (!missing.isEmpty()) {
            error(domain, path, ("%s names no %s: every domain names a businessOwner (who decides what the data means), "
                    + "a technicalOwner (who runs its sync) and an escalation contact (who is called when it breaks); "
                    + "add them to the domain").formatted(doctype, String.join(", ", missing)));
        }
    }

    private void checkOwnership(JsonNode domain, String path, String doctype) {
        JsonNode owner = domain.get("owner");
        JsonNode federated = domain.get("federated");
        if (owner != null && federated != null) {
            error(federated, path + ".federated", "%s has two owners: an owner (%s) and a federated rule; give one"
                    .formatted(doctype, owner.asText()));
            return;
        }
        if (owner == null && federated == null) {
            error(domain, path, "MASTER doctype %s needs an owner or a federated rule".formatted(doctype));
            return;
        }
        if (owner != null) {
            knownSite(owner, path + ".owner");
        } else {
            federated.get("owners").properties().forEach(entry -> knownSite(entry.getValue(),
                    path + ".federated.owners." + entry.getKey()));
        }
        checkConsumers(domain.path("consumers"), path, doctype, owner);
    }

    private void checkConsumers(JsonNode consumers, String path, String doctype, JsonNode singleOwner) {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < consumers.size(); c++) {
            JsonNode site = consumers.get(c).get("site");
            String consumerPath = path + ".consumers[" + c + "].site";
            knownSite(site, consumerPath);
            if (!seen.add(site.asText())) {
                error(site, consumerPath, "site '%s' is a consumer of %s twice".formatted(site.asText(), doctype));
            }
            if (singleOwner != null && singleOwner.asText().equals(site.asText())) {
                error(site, consumerPath, "site '%s' owns %s and cannot consume it too".formatted(site.asText(), doctype));
            }
        }
    }

    private void checkCapture(JsonNode capture, String path) {
        if (capture.isMissingNode()) {
            return;
        }
        boolean scheduled = "scheduled".equals(capture.get("mode").asText());
        if (scheduled && !capture.has("cron")) {
            error(capture, path + ".cron", "scheduled capture needs a cron window, e.g. \"0 */15 1-5 * * ?\"");
        } else if (!scheduled && capture.has("cron")) {
            error(capture.get("cron"), path + ".cron", "a cron window applies to scheduled capture only");
        } else if (scheduled) {
            try {
                QUARTZ.parse(capture.get("cron").asText());
            } catch (IllegalArgumentException e) {
                error(capture.get("cron"), path + ".cron", "'" + capture.get("cron").asText() + "' is not a Quartz cron "
                        + "expression (" + e.getMessage() + "); the window opens each time it fires, in the owner's "
                        + "time zone, e.g. \"0 */15 1-5 * * ?\" or \"* * 1-5 * * ?\"");
            }
        }
    }

    private void checkTransfers(JsonNode transfers) {
        for (int i = 0; i < transfers.size(); i++) {
            JsonNode transfer = transfers.get(i);
            String path = "transfers[" + i + "]";
            String doctype = transfer.get("doctype").asText();
            if (!domainsByDoctype.containsKey(doctype)) {
                error(transfer.get("doctype"), path + ".doctype", "no domain declares " + doctype);
            }
            knownSite(transfer.get("from"), path + ".from");
            knownSite(transfer.get("to"), path + ".to");
            if (transfer.get("from").asText().equals(transfer.get("to").asText())) {
                error(transfer.get("to"), path + ".to", "a transfer moves ownership to another site");
            }
        }
    }

    private void knownSite(JsonNode code, String path) {
        if (!siteCodes.contains(code.asText())) {
            error(code, path, "unknown site '%s'; declared sites: %s".formatted(code.asText(), siteCodes.stream().sorted()
                    .toList()));
        }
    }

    private void checkVersion(JsonNode version, String path) {
        try {
            Version.parse(version.asText());
        } catch (IllegalArgumentException e) {
            error(version, path, e.getMessage());
        }
    }

    private void checkRange(JsonNode range, String path) {
        try {
            VersionRange.parse(range.asText());
        } catch (IllegalArgumentException e) {
            error(range, path, e.getMessage());
        }
    }

    private void error(JsonNode node, String path, String message) {
        errors.add(new PolicyError(PolicyDocument.lineOf(node), path, message));
    }
}

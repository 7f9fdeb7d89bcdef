package dev.sitesync.ownership.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.sitesync.contracts.ownership.DataClass;
import dev.sitesync.contracts.ownership.Decision;
import dev.sitesync.contracts.ownership.Decision.Outcome;
import dev.sitesync.contracts.ownership.Decision.Step;
import dev.sitesync.contracts.ownership.Decision.Target;
import dev.sitesync.contracts.ownership.Decision.Withheld;
import dev.sitesync.contracts.ownership.RefusalReason;

/**
 * Decides whether a change may sync, for one policy version and the sites' onboarding reports. The rules apply in a
 * fixed order, and the first refusal ends it: class (unknown, NEVER), source site active, REFERENCE_ONLY, ownership,
 * source schema, then each consumer (active, schema) to find the targets.
 */
public final class DecisionEngine {

    private final Policy policy;
    private final Map<String, SiteReport> reports;
    private final SchemaCompatibility compatibility;

    public DecisionEngine(Policy policy, Map<String, SiteReport> reports) {
        this.policy = policy;
        this.reports = Map.copyOf(reports);
        this.compatibility = new SchemaCompatibility(policy, this.reports);
    }

    public Decision decide(DecisionRequest request, boolean explain) {
        return new Evaluation(request, explain).run();
    }

    /**
     * For each MASTER doctype the site owns or consumes, why it cannot exchange it (versions outside the supported
     * range, missing custom field); empty when the site can exchange all of them.
     */
    public Map<String, String> schemaProblems(String site) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (Domain domain : policy.domains()) {
            if (domain.ownership() == null) {
                continue;
            }
            boolean consumes = domain.consumer(site).isPresent();
            if (consumes || domain.ownership().owningSites().contains(site)) {
                compatibility.problem(domain, site, consumes).ifPresent(problem -> problems.put(domain.doctype(), problem));
            }
        }
        return problems;
    }

    /** The state of one decision as the rules apply. */
    private final class Evaluation {

        private final DecisionRequest request;
        private final List<Step> steps;
        private DataClass dataClass;
        private String owner;

        Evaluation(DecisionRequest request, boolean explain) {
            this.request = request;
            this.steps = explain ? new ArrayList<>() : null;
        }

        Decision run() {
            String doctype = request.doctype();
            Optional<Domain> declared = policy.domain(doctype);
            Optional<DataClass> fixed = DefaultClasses.of(doctype);
            if (declared.isEmpty() && fixed.isEmpty()) {
                return refuse("class", RefusalReason.UNKNOWN_DOCTYPE,
                        doctype + " is not classified by the policy; unclassified doctypes never sync");
            }
            dataClass = declared.map(Domain::dataClass).orElseGet(fixed::get);
            step("class", doctype + " is " + dataClass + (declared.isPresent() ? " (policy)" : " (default class)"));
            if (dataClass == DataClass.NEVER) {
                return refuse("class", RefusalReason.NEVER_SYNC, doctype + " is NEVER: it stays on its site");
            }
            Optional<Site> source = policy.site(request.sourceSite());
            if (source.isEmpty() || !source.get().isActive()) {
                return refuse("source", RefusalReason.SITE_NOT_ACTIVE, source.map(site -> "source site " + site.code()
                        + " is " + site.status().label() + ", not active")
                        .orElse("source site " + request.sourceSite() + " is not in the policy"));
            }
            step("source", request.sourceSite() + " is active");
            if (dataClass == DataClass.REFERENCE_ONLY) {
                return refuse("class", RefusalReason.REFERENCE_ONLY,
                        doctype + " is REFERENCE_ONLY: register a reference in identity-service instead of copying it");
            }
            if (declared.isEmpty()) {
                return refuse("owner", RefusalReason.UNKNOWN_DOCTYPE,
                        doctype + " is MASTER by default but the policy declares no owner for it");
            }
            return master(declared.get());
        }

        private Decision master(Domain domain) {
            Optional<Decision> violation = checkOwner(domain);
            if (violation.isPresent()) {
                return violation.get();
            }
            Optional<String> sourceBlocked = compatibility.problem(domain, request.sourceSite(), false);
            if (sourceBlocked.isPresent()) {
                return refuse("source schema", RefusalReason.SCHEMA_BLOCKED, sourceBlocked.get());
            }
            step("source schema", domain.supportedVersions().isEmpty()
                    ? domain.doctype() + " takes any version"
                    : request.sourceSite() + " runs versions in " + domain.supportedVersions());
            List<Target> targets = new ArrayList<>();
            List<Withheld> withheld = new ArrayList<>();
            for (Consumer consumer : domain.consumers()) {
                if (!consumer.site().equals(request.sourceSite())) {
                    route(domain, consumer, targets, withheld);
                }
            }
            if (targets.isEmpty() && withheld.stream().anyMatch(w -> w.reason() == RefusalReason.SCHEMA_BLOCKED)) {
                return refuse("targets", RefusalReason.SCHEMA_BLOCKED, "every consumer of " + domain.doctype()
                        + " is withheld: " + withheld.stream().map(Withheld::detail).toList());
            }
            step("decision", targets.isEmpty()
                    ? "ALLOW with no target"
                    : "ALLOW to " + targets.stream().map(Target::site)
                            .toList());
            return new Decision(Outcome.ALLOW, null, null, dataClass, owner, targets, withheld, explanation());
        }

        private Optional<Decision> checkOwner(Domain domain) {
            String source = request.sourceSite();
            if (domain.ownership() instanceof Ownership.SingleOwner single) {
                owner = single.site();
                if (!owner.equals(source)) {
                    return Optional.of(refuse("owner", RefusalReason.OWNERSHIP_VIOLATION,
                            owner + " owns " + domain.doctype() + "; " + source + " may not propose changes to it"));
                }
                step("owner", source + " owns every " + domain.doctype());
                return Optional.empty();
            }
            Ownership.Federated federated = (Ownership.Federated) domain.ownership();
            String value = request.scope() == null ? null : request.scope().get(federated.field());
            if (value == null) {
                return Optional.of(refuse("owner", RefusalReason.OWNERSHIP_VIOLATION,
                        "%s is owned per %s; the request gives no %s, so its owner is unknown"
                                .formatted(domain.doctype(), federated.field(), federated.field())));
            }
            owner = federated.owners().get(value);
            String records = "%s with %s '%s'".formatted(domain.doctype(), federated.field(), value);
            if (owner == null) {
                return Optional.of(refuse("owner", RefusalReason.OWNERSHIP_VIOLATION, "no site owns " + records));
            }
            if (!owner.equals(source)) {
                return Optional.of(refuse("owner", RefusalReason.OWNERSHIP_VIOLATION,
                        owner + " owns " + records + "; " + source + " may not propose changes to it"));
            }
            step("owner", source + " owns " + records + " (federated by " + federated.field() + ")");
            return Optional.empty();
        }

        private void route(Domain domain, Consumer consumer, List<Target> targets, List<Withheld> withheld) {
            String site = consumer.site();
            Site target = policy.site(site).orElseThrow();
            if (!target.isActive()) {
                String why = site + " is " + target.status().label() + ", left out";
                withheld.add(new Withheld(site, RefusalReason.SITE_NOT_ACTIVE, why));
                step("consumer " + site, why);
                return;
            }
            Optional<String> blocked = compatibility.problem(domain, site, true);
            if (blocked.isPresent()) {
                withheld.add(new Withheld(site, RefusalReason.SCHEMA_BLOCKED, blocked.get()));
                step("consumer " + site, "SCHEMA_BLOCKED: " + blocked.get());
                return;
            }
            targets.add(new Target(site, consumer.excludeFields(), consumer.localFields()));
            step("consumer " + site, "target; excludes " + consumer.excludeFields() + ", keeps local "
                    + consumer.localFields());
        }

        private Decision refuse(String rule, RefusalReason reason, String detail) {
            step(rule, "REFUSE " + reason + ": " + detail);
            return new Decision(Outcome.REFUSE, reason, detail, dataClass, owner, List.of(), List.of(), explanation());
        }

        private void step(String rule, String finding) {
            if (steps != null) {
                steps.add(new Step(rule, finding));
            }
        }

        private List<Step> explanation() {
            return steps == null ? null : List.copyOf(steps);
        }
    }
}

package dev.sitesync.guard.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules an order is checked against, each with its mode, under one version. The version names exactly this
 * configuration: given no name, it is derived from a hash of every rule's mode and settings, so a changed threshold is
 * a new version and stored decisions always say which rules made them.
 */
public final class RuleSet {

    private final String version;
    private final List<ConfiguredRule> rules;

    private RuleSet(String version, List<ConfiguredRule> rules) {
        this.version = version;
        this.rules = List.copyOf(rules);
    }

    /** A rule set named by a hash of its configuration. */
    public static RuleSet of(List<ConfiguredRule> rules) {
        return new RuleSet("rs-" + fingerprint(rules), rules);
    }

    /** A rule set under a name chosen by the operator (e.g. {@code 2026-11-strict}). */
    public static RuleSet named(String version, List<ConfiguredRule> rules) {
        return new RuleSet(version, rules);
    }

    public String version() {
        return version;
    }

    public List<ConfiguredRule> rules() {
        return rules;
    }

    /** Runs every rule that is not off; shadow findings are recorded but do not decide. */
    public Evaluation evaluate(SalesOrder order, OrderFacts facts) {
        return run(rules, order, facts, false);
    }

    /**
     * Runs the gate rules alone, on facts that need nothing from the site; present when they block, and then the
     * decision: the other rules do not run and the site is not read.
     */
    public Optional<Evaluation> gate(SalesOrder order, OrderFacts facts) {
        Evaluation gated = run(rules.stream().filter(r -> r.rule().gate()).toList(), order, facts, false);
        return gated.verdict() == Verdict.BLOCK ? Optional.of(gated) : Optional.empty();
    }

    /** Runs the replayable rules over a past order, as it was when created (a draft). */
    public Evaluation replay(SalesOrder order, OrderFacts facts) {
        return run(rules, order.asDraft(), facts, true);
    }

    private Evaluation run(List<ConfiguredRule> chosen, SalesOrder order, OrderFacts facts, boolean replay) {
        List<Finding> findings = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ConfiguredRule configured : chosen) {
            if (configured.mode() == Mode.OFF) {
                continue;
            }
            if (replay && !configured.rule().replayable()) {
                skipped.add(configured.rule().name());
                continue;
            }
            for (Finding finding : configured.rule().check(order, facts)) {
                findings.add(finding.inMode(configured.mode()));
            }
        }
        List<Finding> decided = Verdict.riskLowered(findings) ? waiveReviews(findings) : findings;
        return new Evaluation(version, Verdict.of(decided), Verdict.ifShadowEnforced(decided), decided, skipped);
    }

    private static List<Finding> waiveReviews(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.mode() == Mode.ENFORCE && f.raises(Severity.REVIEW) ? f.waive() : f)
                .toList();
    }

    /** Each rule's name, mode and settings, in a stable order. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new TreeMap<>();
        for (ConfiguredRule configured : rules) {
            Map<String, Object> entry = new TreeMap<>();
            configured.rule().settings().forEach((key, value) -> entry.put(key, String.valueOf(value)));
            entry.put("mode", configured.mode().name());
            description.put(configured.rule().name(), entry);
        }
        return description;
    }

    private static String fingerprint(List<ConfiguredRule> rules) {
        String canonical = new RuleSet("", rules).describe().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

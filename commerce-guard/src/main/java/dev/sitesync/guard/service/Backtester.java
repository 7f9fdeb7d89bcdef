package dev.sitesync.guard.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.guard.client.SiteOrderReader;
import dev.sitesync.guard.client.SiteOrderReader.PastOrder;
import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.guard.config.RuleSets;
import dev.sitesync.guard.domain.Evaluation;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.Mode;
import dev.sitesync.guard.domain.RuleSet;
import dev.sitesync.guard.domain.Sentiment;
import dev.sitesync.guard.domain.Verdict;

/**
 * Replays a rule set over a site's past Sales Orders (not cancelled, by transaction date) and compares its verdicts
 * with the active rule set's on the same orders and facts, so a threshold change is judged on real orders before it
 * decides live ones.
 */
@Singleton
public class Backtester {

    private final SiteOrderReader reader;
    private final FactsGatherer facts;
    private final RuleSets ruleSets;
    private final GuardConfig.Backtest settings;

    public Backtester(SiteOrderReader reader, FactsGatherer facts, RuleSets ruleSets, GuardConfig config) {
        this.reader = reader;
        this.facts = facts;
        this.ruleSets = ruleSets;
        this.settings = config.backtest();
    }

    private record Replayed(String name, Evaluation candidate, Evaluation active) {
    }

    public Uni<BacktestReport> run(RuleSet candidate, String site, LocalDate from, LocalDate to) {
        RuleSet active = ruleSets.active();
        return reader.names(site, settings.maxOrders() + 1, Filter.between("transaction_date", from.toString(),
                to.toString()), Filter.ne("docstatus", 2)).flatMap(names -> {
                    boolean truncated = names.size() > settings.maxOrders();
                    List<String> used = truncated ? names.subList(0, settings.maxOrders()) : names;
                    return reader.read(site, used, settings.concurrency())
                            .flatMap(orders -> Multi.createFrom().iterable(orders)
                                    .onItem().transformToUniAndConcatenate(order -> replay(site, order, candidate, active))
                                    .collect().asList())
                            .map(replayed -> report(candidate, active, site, from, to, truncated, replayed));
                });
    }

    private Uni<Replayed> replay(String site, PastOrder past, RuleSet candidate, RuleSet active) {
        return facts.forReplay(site, past.order(), past.createdOn()).map(known -> new Replayed(past.name(),
                candidate.replay(past.order(), known), active.replay(past.order(), known)));
    }

    private BacktestReport report(RuleSet candidate, RuleSet active, String site, LocalDate from, LocalDate to,
            boolean truncated, List<Replayed> replayed) {
        Map<Verdict, Integer> candidateVerdicts = counts();
        Map<Verdict, Integer> activeVerdicts = counts();
        Set<String> skipped = new TreeSet<>();
        List<BacktestReport.Difference> differences = new ArrayList<>();
        int changed = 0;
        for (Replayed order : replayed.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            candidateVerdicts.merge(order.candidate().verdict(), 1, Integer::sum);
            activeVerdicts.merge(order.active().verdict(), 1, Integer::sum);
            skipped.addAll(order.candidate().skippedRules());
            skipped.addAll(order.active().skippedRules());
            if (order.candidate().verdict() != order.active().verdict()) {
                changed++;
                if (differences.size() < settings.maxDifferencesListed()) {
                    Set<String> inCandidate = raisingRules(order.candidate());
                    Set<String> inActive = raisingRules(order.active());
                    differences.add(new BacktestReport.Difference(order.name(), order.active().verdict(),
                            order.candidate().verdict(), minus(inCandidate, inActive), minus(inActive, inCandidate)));
                }
            }
        }
        return new BacktestReport(candidate.version(), active.version(), site, from, to, replayed.size(), truncated,
                List.copyOf(skipped), candidateVerdicts, activeVerdicts, changed, differences);
    }

    private static Set<String> raisingRules(Evaluation evaluation) {
        return evaluation.findings().stream()
                .filter(f -> f.mode() == Mode.ENFORCE && f.sentiment() == Sentiment.RAISES_RISK && !f.waived())
                .map(Finding::rule).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> minus(Set<String> these, Set<String> those) {
        return these.stream().filter(rule -> !those.contains(rule)).toList();
    }

    private static Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
            counts.put(verdict, 0);
        }
        return counts;
    }
}

package dev.sitesync.guard.domain.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.SalesOrder;

/**
 * A caller orders only for the companies configured for it on the site (none unless configured), and, when it states
 * the company it acts for, only for that one.
 */
public final class CompanyNotAllowedRule extends SeverityRule {

    public static final String NAME = "company-not-allowed";

    public CompanyNotAllowedRule(RuleSeverity severity) {
        super(NAME, severity);
    }

    @Override
    public boolean gate() {
        return true;
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        List<Finding> findings = new ArrayList<>();
        if (!facts.allowedCompanies().contains(order.company())) {
            findings.add(Finding.raises(NAME, severity.value(),
                    "The caller may not order for company '%s'".formatted(order.company()),
                    Evidence.of("company", order.company(), "allowed_companies",
                            List.copyOf(new TreeSet<>(facts.allowedCompanies())))));
        }
        facts.callerCompany().filter(stated -> !stated.equals(order.company()))
                .ifPresent(stated -> findings.add(Finding.raises(NAME, severity.value(),
                        "The order is for '%s' but the caller acts for '%s'".formatted(order.company(), stated),
                        Evidence.of("company", order.company(), "caller_company", stated))));
        return findings;
    }
}

package dev.sitesync.guard.domain.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sitesync.guard.domain.Evidence;
import dev.sitesync.guard.domain.Finding;
import dev.sitesync.guard.domain.OrderFacts;
import dev.sitesync.guard.domain.OrderRule;
import dev.sitesync.guard.domain.SalesOrder;

/** A transaction or posting date earlier than today (less a tolerance) lands in a period that may be closed. */
public final class BackdatedRule implements OrderRule {

    public static final String NAME = "backdated";

    private final RuleSeverity severity;
    private final int toleranceDays;

    public BackdatedRule(RuleSeverity severity, int toleranceDays) {
        this.severity = severity;
        this.toleranceDays = toleranceDays;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> settings() {
        return Evidence.of("severity", severity.value(), "tolerance_days", toleranceDays);
    }

    @Override
    public List<Finding> check(SalesOrder order, OrderFacts facts) {
        LocalDate earliest = facts.today().minusDays(toleranceDays);
        List<Finding> findings = new ArrayList<>();
        check("transaction_date", order.transactionDate(), earliest, facts.today(), findings);
        check("posting_date", order.postingDate(), earliest, facts.today(), findings);
        return findings;
    }

    private void check(String field, LocalDate date, LocalDate earliest, LocalDate today, List<Finding> findings) {
        if (date != null && date.isBefore(earliest)) {
            findings.add(Finding.raises(NAME, severity.value(),
                    "The %s %s is before %s".formatted(field, date, earliest),
                    Evidence.of("field", field, "date", date.toString(), "today", today.toString(), "tolerance_days",
                            toleranceDays)));
        }
    }
}

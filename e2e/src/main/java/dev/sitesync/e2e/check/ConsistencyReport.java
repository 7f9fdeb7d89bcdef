package dev.sitesync.e2e.check;

import java.util.List;

/** The checker's findings for every consumer and doctype: the evidence that nothing was lost or duplicated. */
public record ConsistencyReport(List<Finding> findings) {

    public boolean clean() {
        return findings.stream().allMatch(Finding::clean);
    }

    public int ownerDocuments() {
        return findings.stream().mapToInt(Finding::ownerDocuments).sum();
    }

    public int missing() {
        return findings.stream().mapToInt(f -> f.missing().size()).sum();
    }

    public int duplicated() {
        return findings.stream().mapToInt(f -> f.duplicated().size()).sum();
    }

    public int differing() {
        return findings.stream().mapToInt(f -> f.differing().size()).sum();
    }

    public int outOfOrder() {
        return findings.stream().mapToInt(Finding::outOfOrder).sum();
    }

    public int reapplied() {
        return findings.stream().mapToInt(Finding::reapplied).sum();
    }

    public String render() {
        StringBuilder text = new StringBuilder("Consistency check\n");
        text.append("%-8s %-12s %6s %8s %8s %11s %10s %12s %10s%n".formatted("consumer", "doctype", "owner", "present",
                "missing", "duplicated", "differing", "out of order", "reapplied"));
        findings.forEach(finding -> text.append(finding.line()).append('\n'));
        text.append(clean() ? "CONSISTENT" : "INCONSISTENT").append(
                ": %d documents checked (owner documents times consumers), %d missing, %d duplicated, %d differing, %d out of order, %d reapplied%n"
                        .formatted(ownerDocuments(), missing(), duplicated(), differing(), outOfOrder(), reapplied()));
        return text.toString();
    }
}

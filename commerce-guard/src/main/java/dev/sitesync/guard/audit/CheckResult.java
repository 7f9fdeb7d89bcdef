package dev.sitesync.guard.audit;

import java.util.List;

import dev.sitesync.guard.store.SiteFinding;

/**
 * What one check of an audit run did.
 *
 * @param status {@code ok}, {@code skipped} (the site does not let the guard read the doctype) or {@code failed}
 * @param examined how many documents or rows it looked at
 * @param truncated true when there were more than it may read in one run
 */
public record CheckResult(String rule, String doctype, String status, int examined, boolean truncated,
        List<SiteFinding> findings, String detail) {

    public static final String OK = "ok";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    public static CheckResult ok(AuditCheck check, int examined, boolean truncated, List<SiteFinding> findings) {
        return new CheckResult(check.rule(), check.doctype(), OK, examined, truncated, List.copyOf(findings), null);
    }

    public static CheckResult notRun(AuditCheck check, String status, String detail) {
        return new CheckResult(check.rule(), check.doctype(), status, 0, false, List.of(), detail);
    }
}

package dev.sitesync.guard.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One audit run of one site: what each check did and found. */
public record AuditReport(UUID runId, String site, String trigger, OffsetDateTime startedAt, OffsetDateTime finishedAt,
        List<CheckSummary> checks) {

    /**
     * @param findings how many documents failed the check in this run
     * @param newFindings how many of them were not found by an earlier run
     */
    public record CheckSummary(String rule, String doctype, String status, int examined, boolean truncated,
            int findings, int newFindings, String detail) {
    }
}

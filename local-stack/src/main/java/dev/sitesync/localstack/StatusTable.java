package dev.sitesync.localstack;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Each worker's {@code GET /ops/v1/status} as one table: per site and doctype what was applied, what waits, the lag,
 * conflicts and dead letters. Read tolerantly: a worker that reports no per-doctype figures shows what it reports.
 */
public final class StatusTable {

    private final Stack stack;
    private final OpsApi ops;

    public StatusTable(Stack stack) {
        this.stack = stack;
        this.ops = new OpsApi(stack.issuer());
    }

    public String render() {
        StringBuilder text = new StringBuilder();
        text.append("%n%-8s %-12s %8s %8s %9s %10s %12s%n".formatted("site", "doctype", "applied", "pending", "lag (s)",
                "conflicts", "dead letters"));
        for (String site : StackSites.CODES) {
            JsonNode status;
            try {
                status = ops.get(stack.worker(site).url() + "/ops/v1/status", "ops-sre");
            } catch (StackFailure e) {
                text.append("%-8s status unavailable: %s%n".formatted(site, e.getMessage()));
                continue;
            }
            JsonNode doctypes = status.path("doctypes");
            if (doctypes.isArray() && !doctypes.isEmpty()) {
                for (JsonNode row : doctypes) {
                    text.append("%-8s %-12s %8s %8s %9s %10s %12s%n".formatted(site, row.path("doctype").asText("?"),
                            figure(row, "applied"), figure(row, "pending"), figure(row, "lagSeconds"),
                            figure(row, "conflicts"), figure(row, "deadLetters")));
                }
            } else {
                text.append("%-8s (no per-doctype figures from this worker) %s%n".formatted(site, summary(status)));
            }
        }
        return text.toString();
    }

    private static String figure(JsonNode row, String field) {
        JsonNode value = row.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "-";
        }
        return value.isFloatingPointNumber() ? "%.1f".formatted(value.asDouble()) : value.asText();
    }

    /** The worker's other figures (outbox depth, tasks by status, pending events) on one line. */
    private static String summary(JsonNode status) {
        StringBuilder line = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = status.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("site") && !field.getKey().equals("doctypes")) {
                line.append(field.getKey()).append('=').append(field.getValue()).append(' ');
            }
        }
        return line.toString().trim();
    }
}

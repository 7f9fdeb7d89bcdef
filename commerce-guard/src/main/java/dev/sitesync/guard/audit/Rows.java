package dev.sitesync.guard.audit;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The rows a check may use out of what it fetched (it fetches one more than it may use, to know about the rest). */
final class Rows {

    private Rows() {
    }

    static List<ObjectNode> limited(List<ObjectNode> rows, AuditScope scope) {
        return rows.size() > scope.settings().maxRows() ? rows.subList(0, scope.settings().maxRows()) : rows;
    }

    static boolean truncated(List<ObjectNode> rows, AuditScope scope) {
        return rows.size() > scope.settings().maxRows();
    }
}

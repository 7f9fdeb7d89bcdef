package dev.sitesync.e2e.check;

import java.util.ArrayList;
import java.util.List;

/**
 * What the checker found for one consumer and doctype.
 *
 * @param ownerDocuments the owner's documents in scope
 * @param present owner documents the consumer holds exactly once with equal content
 * @param missing owner documents the consumer does not hold
 * @param duplicated owner documents the consumer holds more than once
 * @param differing owner documents the consumer holds with other content
 * @param outOfOrder applies of a version older than one applied before (from the consumer's sync log)
 * @param reapplied applies of a version already applied
 */
public record Finding(String consumer, String doctype, int ownerDocuments, int present, List<String> missing,
        List<String> duplicated, List<String> differing, int outOfOrder, int reapplied) {

    public boolean clean() {
        return missing.isEmpty() && duplicated.isEmpty() && differing.isEmpty() && outOfOrder == 0 && reapplied == 0;
    }

    String line() {
        List<String> problems = new ArrayList<>();
        sample("missing", missing, problems);
        sample("duplicated", duplicated, problems);
        sample("differing", differing, problems);
        return "%-8s %-12s %6d %8d %8d %11d %10d %12d %10d  %s".formatted(consumer, doctype, ownerDocuments, present,
                missing.size(), duplicated.size(), differing.size(), outOfOrder, reapplied,
                problems.isEmpty() ? "ok" : String.join("; ", problems));
    }

    private static void sample(String what, List<String> names, List<String> problems) {
        if (!names.isEmpty()) {
            problems.add(what + " " + names.subList(0, Math.min(3, names.size())) + (names.size() > 3 ? "..." : ""));
        }
    }
}

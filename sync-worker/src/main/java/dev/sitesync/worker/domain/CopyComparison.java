package dev.sitesync.worker.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a consumer's copies of one owner document compare with what the owner would send it now. The owner's payload
 * is taken as the consumer's field policy leaves it (excluded fields never sent, local fields never written here) and
 * with this site's link names; the copy holds it when every such field has the same value there, compared as the
 * applier's own writes are recognised ({@link PayloadMatch}). Fields only the copy has are the site's own business.
 */
public final class CopyComparison {

    /** What a reconciliation reports for a document. */
    public enum Kind {
        IN_SYNC,
        /** the owner has it, this site has no copy */
        MISSING,
        /** the copy holds other content than the owner's */
        STALE,
        /** a copy of a document the owner does not have */
        EXTRA,
        /** more than one copy carries the document's external ID */
        DUPLICATED
    }

    /** The verdict and, for a stale copy, the fields it holds differently. */
    public record Verdict(Kind kind, List<String> differing) {
    }

    private CopyComparison() {
    }

    /**
     * @param expected the owner's payload with this site's link names, without the consumer's local fields
     * @param copies this site's copies carrying the document's external ID (none, one, or a duplicated few)
     */
    public static Verdict compare(ObjectNode expected, List<? extends JsonNode> copies) {
        if (copies.isEmpty()) {
            return new Verdict(Kind.MISSING, List.of());
        }
        if (copies.size() > 1) {
            return new Verdict(Kind.DUPLICATED, List.of());
        }
        List<String> differing = differing(expected, copies.get(0));
        return new Verdict(differing.isEmpty() ? Kind.IN_SYNC : Kind.STALE, differing);
    }

    /** The expected fields the copy does not hold, in the payload's order. */
    public static List<String> differing(ObjectNode expected, JsonNode copy) {
        List<String> differing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!ContentHash.VOLATILE.contains(field.getKey())
                    && !PayloadMatch.holds(copy.get(field.getKey()), field.getValue())) {
                differing.add(field.getKey());
            }
        }
        return differing;
    }

    /** The owner's payload as this site must hold it: without the fields the consumer keeps as its own. */
    public static ObjectNode expected(ObjectNode translatedPayload, List<String> localFields) {
        ObjectNode expected = translatedPayload.deepCopy();
        if (localFields != null) {
            expected.remove(localFields);
        }
        return expected;
    }
}

package dev.sitesync.worker.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The external IDs documents carry in their {@code sitesync_external_id} field, screened before capture: a value
 * that is not a UUID (someone typed it) or that another document carries too (a duplicated copy) must not stop the
 * other documents, nor be taken for the ID of the document it belongs to. Such a document is rejected with the reason
 * an operator needs; the others go on.
 */
public final class CarriedExternalIds {

    public static final String FIELD = "sitesync_external_id";

    /** A document that cannot be captured as it is. */
    public record Rejected(ObjectNode document, DeadLetterReason reason, String detail) {

        public String name() {
            return document.path("name").asText();
        }

        public String version() {
            return document.path("modified").asText();
        }
    }

    /**
     * @param accepted the documents to capture, in their order
     * @param carried the external ID each accepted document carries, when it carries one
     */
    public record Screened(List<ObjectNode> accepted, Map<ObjectNode, UUID> carried, List<Rejected> rejected) {
    }

    private CarriedExternalIds() {
    }

    /** The external ID a document carries, if its field holds one that parses. */
    public static Optional<UUID> of(ObjectNode document) {
        String value = document.path(FIELD).asText("").trim();
        try {
            return value.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    /**
     * Screens documents of one doctype read from {@code site}.
     *
     * @param applied the local name this site's copy of a document has, by external ID, as far as SiteSync knows it
     *        (documents SiteSync wrote here); an ID it does not know is only checked within the batch
     */
    public static Screened screen(String site, List<ObjectNode> documents, Map<UUID, String> applied) {
        Map<UUID, List<String>> carriers = new HashMap<>();
        Map<ObjectNode, UUID> parsed = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        for (ObjectNode document : documents) {
            String value = document.path(FIELD).asText("").trim();
            if (value.isEmpty()) {
                continue;
            }
            Optional<UUID> id = of(document);
            if (id.isEmpty()) {
                rejected.add(new Rejected(document, DeadLetterReason.MALFORMED_EXTERNAL_ID, "'" + name(document)
                        + "' on " + site + " holds '" + abbreviate(value) + "' in " + FIELD + ", which is not a UUID:"
                        + " someone typed it. Clear the field (or restore the value SiteSync wrote); until then this"
                        + " document is not synchronized, and no other document waits for it."));
                continue;
            }
            parsed.put(document, id.get());
            carriers.computeIfAbsent(id.get(), x -> new ArrayList<>()).add(name(document));
        }
        List<ObjectNode> accepted = new ArrayList<>();
        Map<ObjectNode, UUID> carried = new LinkedHashMap<>();
        for (ObjectNode document : documents) {
            UUID id = parsed.get(document);
            if (id == null) {
                if (rejected.stream().noneMatch(r -> r.document() == document)) {
                    accepted.add(document);
                }
                continue;
            }
            Optional<String> owner = Optional.ofNullable(applied.get(id));
            List<String> others = carriers.get(id).stream().filter(n -> !n.equals(name(document))).toList();
            if (owner.isPresent() && !owner.get().equals(name(document))) {
                rejected.add(shared(site, document, id, owner.get()));
            } else if (owner.isEmpty() && !others.isEmpty()) {
                rejected.add(shared(site, document, id, String.join("', '", others)));
            } else {
                accepted.add(document);
                carried.put(document, id);
            }
        }
        return new Screened(accepted, carried, rejected);
    }

    private static Rejected shared(String site, ObjectNode document, UUID id, String original) {
        return new Rejected(document, DeadLetterReason.SHARED_EXTERNAL_ID, "'" + name(document) + "' on " + site
                + " carries the external ID " + id + " of '" + original + "' in " + FIELD + " (a copy made by"
                + " duplicating it, or a pasted value). Clear the field on the copy; until then it is not synchronized,"
                + " and no other document waits for it.");
    }

    private static String name(ObjectNode document) {
        return document.path("name").asText();
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }
}

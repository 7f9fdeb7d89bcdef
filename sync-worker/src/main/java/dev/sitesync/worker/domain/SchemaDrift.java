package dev.sitesync.worker.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.sitesync.worker.domain.SchemaFingerprint.Field;

/**
 * How a consumer site's meta moved from the baseline it was last known compatible with, judged by what SiteSync
 * sends it. A change is incompatible when a document we send could be refused or lose a value: a field we send
 * removed or retyped, its Link or Table target changed, Select choices removed from it, or a field we do not send
 * made (or added as) mandatory without a default. Everything else (new optional fields, new choices, a field we do
 * not send changed) is compatible and only recorded.
 */
public record SchemaDrift(String doctype, List<Difference> incompatible, List<Difference> compatible) {

    public enum Kind {
        REMOVED,
        RETYPED,
        TARGET_CHANGED,
        CHOICES_REMOVED,
        CHOICES_ADDED,
        MADE_MANDATORY,
        NO_LONGER_MANDATORY,
        ADDED,
        ADDED_MANDATORY
    }

    /**
     * One field's change.
     *
     * @param sent whether SiteSync sends the field to this site
     * @param detail the change in words, with why it matters
     */
    public record Difference(String field, Kind kind, String was, String now, boolean sent, String detail) {
    }

    public SchemaDrift {
        incompatible = List.copyOf(incompatible);
        compatible = List.copyOf(compatible);
    }

    /**
     * Compares the site's current meta with its baseline. {@code sent} are the fields SiteSync sends this site for the
     * doctype; fields neither sent nor known are of no concern.
     */
    public static SchemaDrift between(SchemaFingerprint baseline, SchemaFingerprint current, Set<String> sent) {
        List<Difference> incompatible = new ArrayList<>();
        List<Difference> compatible = new ArrayList<>();
        baseline.fields().keySet().stream().sorted().forEach(name -> {
            Field was = baseline.fields().get(name);
            Field now = current.fields().get(name);
            boolean isSent = sent.contains(name);
            for (Difference difference : changes(name, was, now, isSent)) {
                (breaks(difference) ? incompatible : compatible).add(difference);
            }
        });
        current.fields().keySet().stream().filter(name -> !baseline.fields().containsKey(name)).sorted()
                .forEach(name -> {
                    Field now = current.fields().get(name);
                    boolean isSent = sent.contains(name);
                    if (now.mandatory() && !now.hasDefault()) {
                        Difference added = new Difference(name, Kind.ADDED_MANDATORY, null, now.shape(), isSent,
                                name + ": new mandatory field (" + now.shape() + ") without a default"
                                        + (isSent ? "" : ", which SiteSync does not send: the site would refuse every save"));
                        (isSent ? compatible : incompatible).add(added);
                    } else {
                        compatible.add(new Difference(name, Kind.ADDED, null, now.shape(), isSent,
                                name + ": new field (" + now.shape() + ")"));
                    }
                });
        return new SchemaDrift(current.doctype(), incompatible, compatible);
    }

    public boolean isCompatible() {
        return incompatible.isEmpty();
    }

    public boolean isEmpty() {
        return incompatible.isEmpty() && compatible.isEmpty();
    }

    /** The incompatible differences in one sentence, for logs and problems. */
    public String describe() {
        return incompatible.stream().map(Difference::detail).collect(Collectors.joining("; "));
    }

    private static List<Difference> changes(String name, Field was, Field now, boolean sent) {
        String why = sent ? "; SiteSync sends it" : "; SiteSync does not send it";
        if (now == null) {
            return List.of(new Difference(name, Kind.REMOVED, was.shape(), null, sent,
                    name + ": removed (was " + was.shape() + ")" + why));
        }
        List<Difference> changes = new ArrayList<>();
        if (!was.type().equals(now.type())) {
            changes.add(new Difference(name, Kind.RETYPED, was.type(), now.type(), sent,
                    name + ": type changed from " + was.type() + " to " + now.type() + why));
        } else if (!was.options().equals(now.options())) {
            changes.add(optionsChange(name, was, now, sent, why));
        }
        if (!was.mandatory() && now.mandatory() && !now.hasDefault()) {
            changes.add(new Difference(name, Kind.MADE_MANDATORY, "optional", "mandatory", sent,
                    name + ": made mandatory without a default" + why));
        } else if (was.mandatory() && !now.mandatory()) {
            changes.add(new Difference(name, Kind.NO_LONGER_MANDATORY, "mandatory", "optional", sent,
                    name + ": no longer mandatory"));
        }
        return changes;
    }

    private static Difference optionsChange(String name, Field was, Field now, boolean sent, String why) {
        if (!"Select".equals(now.type())) {
            return new Difference(name, Kind.TARGET_CHANGED, was.options(), now.options(), sent,
                    name + ": " + now.type() + " target changed from " + was.options() + " to " + now.options() + why);
        }
        Set<String> removed = choices(was.options());
        removed.removeAll(choices(now.options()));
        if (removed.isEmpty()) {
            return new Difference(name, Kind.CHOICES_ADDED, was.shape(), now.shape(), sent,
                    name + ": choices added (" + now.options().replace('\n', '|') + ")");
        }
        return new Difference(name, Kind.CHOICES_REMOVED, was.shape(), now.shape(), sent,
                name + ": choices removed (" + String.join("|", removed) + ")" + why);
    }

    private static Set<String> choices(String options) {
        Set<String> choices = new LinkedHashSet<>();
        for (String choice : options.split("\n")) {
            if (!choice.isBlank()) {
                choices.add(choice.strip());
            }
        }
        return choices;
    }

    /** Whether the change can refuse or lose a value of a document SiteSync writes. */
    private static boolean breaks(Difference difference) {
        return switch (difference.kind()) {
            case REMOVED, RETYPED, TARGET_CHANGED, CHOICES_REMOVED -> difference.sent();
            case MADE_MANDATORY, ADDED_MANDATORY -> !difference.sent();
            case CHOICES_ADDED, NO_LONGER_MANDATORY, ADDED -> false;
        };
    }
}

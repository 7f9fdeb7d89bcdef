package dev.sitesync.frappe.sim.engine;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.meta.DocTypeMeta;
import dev.sitesync.frappe.sim.store.SiteTx;

/** Frappe's {@code set_new_name}: by field, naming series, pattern, hash, prompt or autoincrement. */
public final class Naming {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Naming() {
    }

    public static String newName(SiteTx tx, DocTypeMeta meta, ObjectNode doc, LocalDate today) {
        String autoname = meta.autoname() == null ? "hash" : meta.autoname().trim();
        if (autoname.startsWith("field:")) {
            String field = autoname.substring("field:".length()).trim();
            String value = DocumentCodec.text(doc, field).trim();
            if (value.isEmpty()) {
                String label = meta.field(field).map(f -> f.displayLabel()).orElse(field);
                throw new FrappeError("MandatoryError", 417, "Error: Value missing for " + meta.name() + ": " + label);
            }
            return value;
        }
        if (autoname.startsWith("naming_series:")) {
            String series = DocumentCodec.text(doc, "naming_series");
            if (series.isEmpty()) {
                series = meta.field("naming_series").map(f -> f.options() == null ? "" : f.options().split("\n")[0])
                        .orElse("");
            }
            if (series.isEmpty()) {
                throw new FrappeError("NameError", 409, "Naming Series mandatory");
            }
            return fromSeries(tx, series, today);
        }
        return switch (autoname) {
            case "hash" -> hash();
            case "prompt" -> {
                String given = DocumentCodec.text(doc, "name").trim();
                if (given.isEmpty()) {
                    throw new FrappeError("NameError", 409, "Name not set via prompt");
                }
                yield given;
            }
            case "autoincrement" -> Long.toString(tx.nextInSeries(meta.name()));
            default -> fromSeries(tx, autoname, today);
        };
    }

    /** {@code frappe.model.naming.make_autoname}: {@code SAL-ORD-.YYYY.-} becomes {@code SAL-ORD-2024-00001}. */
    public static String fromSeries(SiteTx tx, String pattern, LocalDate today) {
        String key = pattern.contains("#") ? pattern : pattern + ".#####";
        StringBuilder prefix = new StringBuilder();
        StringBuilder suffix = new StringBuilder();
        int digits = 0;
        for (String part : key.split("\\.")) {
            if (!part.isEmpty() && part.chars().allMatch(c -> c == '#')) {
                digits = part.length();
                continue;
            }
            (digits == 0 ? prefix : suffix).append(datePart(part, today));
        }
        long next = tx.nextInSeries(prefix.toString());
        String counter = String.format("%0" + Math.max(digits, 1) + "d", next);
        return prefix + counter + suffix;
    }

    private static String datePart(String part, LocalDate today) {
        return switch (part) {
            case "YYYY" -> String.format("%04d", today.getYear());
            case "YY" -> String.format("%02d", today.getYear() % 100);
            case "MM" -> String.format("%02d", today.getMonthValue());
            case "DD" -> String.format("%02d", today.getDayOfMonth());
            default -> part;
        };
    }

    /** {@code frappe.generate_hash(length=10)}: ten lowercase hex characters. */
    public static String hash() {
        return hash(10);
    }

    /** {@code frappe.generate_hash(length=n)}: n lowercase hex characters. */
    public static String hash(int length) {
        byte[] bytes = new byte[(length + 1) / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
    }

}

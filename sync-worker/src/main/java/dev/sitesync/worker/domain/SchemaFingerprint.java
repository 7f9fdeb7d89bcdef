package dev.sitesync.worker.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What of a DocType's meta decides whether a document SiteSync sends can be saved on the site: each data field's type,
 * whether it is mandatory (and has a default), and the options of the fields whose options constrain values (a
 * Link's or a Table's target doctype, a Select's choices). Layout fields and labels are left out: they never refuse
 * a value.
 */
public record SchemaFingerprint(String doctype, Map<String, Field> fields) {

    /** One data field as the site validates it. {@code options} is empty for types whose options do not constrain. */
    public record Field(String type, boolean mandatory, boolean hasDefault, String options) {

        public String shape() {
            return options.isEmpty() ? type : type + " " + options.replace('\n', '|');
        }
    }

    private static final Set<String> LAYOUT = Set.of("Section Break", "Column Break", "Tab Break", "HTML", "Heading",
            "Button", "Fold", "Image");
    private static final Set<String> CONSTRAINING_OPTIONS = Set.of("Link", "Select", "Table", "Table MultiSelect");

    public SchemaFingerprint {
        fields = Map.copyOf(fields);
    }

    /** Reads v2 meta or a DocType document ({@code fields: [{fieldname, fieldtype, reqd, default, options}]}). */
    public static SchemaFingerprint from(String doctype, JsonNode meta) {
        Map<String, Field> fields = new TreeMap<>();
        for (JsonNode field : meta.path("fields")) {
            String name = field.path("fieldname").asText("");
            String type = field.path("fieldtype").asText("");
            if (name.isEmpty() || LAYOUT.contains(type)) {
                continue;
            }
            String options = CONSTRAINING_OPTIONS.contains(type) ? field.path("options").asText("").strip() : "";
            String defaultValue = field.path("default").isNull() ? "" : field.path("default").asText("");
            fields.put(name, new Field(type, field.path("reqd").asInt(0) == 1, !defaultValue.isEmpty(), options));
        }
        return new SchemaFingerprint(doctype, fields);
    }

    /** A hash of the fields in name order: equal for two sites (or two readings) whose documents are exchangeable. */
    public String hash() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(fields).forEach((name, field) -> lines.add(name + ":" + field.type() + ":" + field.options() + ":"
                + (field.mandatory() ? 1 : 0) + ":" + (field.hasDefault() ? 1 : 0)));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.sitesync.frappe.sim.meta;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One field of a doctype, as Frappe's DocField describes it; {@code custom} for one a Custom Field added
 * ({@code is_custom_field}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocField(String fieldname, String fieldtype, String options, String label, String defaultValue,
        boolean reqd, boolean unique, boolean readOnly, boolean allowOnSubmit, boolean noCopy, boolean custom) {

    private static final Set<String> INTEGERS = Set.of("Int", "Check");
    private static final Set<String> DECIMALS = Set.of("Float", "Currency", "Percent");
    private static final Set<String> TABLES = Set.of("Table", "Table MultiSelect");

    public DocField(@JsonProperty("fieldname") String fieldname, @JsonProperty("fieldtype") String fieldtype,
            @JsonProperty("options") String options, @JsonProperty("label") String label,
            @JsonProperty("default") String defaultValue, @JsonProperty("reqd") int reqd,
            @JsonProperty("unique") int unique, @JsonProperty("read_only") int readOnly,
            @JsonProperty("allow_on_submit") int allowOnSubmit, @JsonProperty("no_copy") int noCopy) {
        this(fieldname, fieldtype == null ? "Data" : fieldtype, options, label, defaultValue, reqd == 1, unique == 1,
                readOnly == 1, allowOnSubmit == 1, noCopy == 1, false);
    }

    /** This field as a site changed it at runtime: each property the change names replaces this one's. */
    public DocField with(FieldChange change) {
        return new DocField(fieldname, change.fieldtype() == null ? fieldtype : change.fieldtype(),
                change.options() == null ? options : change.options(),
                change.label() == null ? label : change.label(), defaultValue,
                change.reqd() == null ? reqd : change.reqd(), unique,
                change.readOnly() == null ? readOnly : change.readOnly(), allowOnSubmit, noCopy, custom);
    }

    public boolean isInteger() {
        return INTEGERS.contains(fieldtype);
    }

    public boolean isDecimal() {
        return DECIMALS.contains(fieldtype);
    }

    public boolean isNumeric() {
        return isInteger() || isDecimal();
    }

    public boolean isTable() {
        return TABLES.contains(fieldtype);
    }

    public boolean isLink() {
        return "Link".equals(fieldtype);
    }

    public boolean isPassword() {
        return "Password".equals(fieldtype);
    }

    public boolean isDate() {
        return "Date".equals(fieldtype);
    }

    public boolean isDatetime() {
        return "Datetime".equals(fieldtype);
    }

    /** The label Frappe shows in messages: the given one, or the fieldname in title case. */
    public String displayLabel() {
        if (label != null && !label.isBlank()) {
            return label;
        }
        StringBuilder words = new StringBuilder();
        for (String word : fieldname.split("_")) {
            if (!word.isEmpty()) {
                words.append(words.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0)))
                        .append(word.substring(1));
            }
        }
        return words.toString();
    }
}

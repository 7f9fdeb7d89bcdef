package dev.sitesync.frappe.sim.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a site's copy of one field differs from the standard doctype (schema drift): a property left null is kept;
 * {@code removed} drops the field altogether.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldChange(@JsonProperty("fieldtype") String fieldtype, @JsonProperty("options") String options,
        @JsonProperty("reqd") Boolean reqd, @JsonProperty("read_only") Boolean readOnly,
        @JsonProperty("label") String label, @JsonProperty("removed") boolean removed) {

    public static final FieldChange REMOVED = new FieldChange(null, null, null, null, null, true);
}

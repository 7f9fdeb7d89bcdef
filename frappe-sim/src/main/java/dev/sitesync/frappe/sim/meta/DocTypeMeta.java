package dev.sitesync.frappe.sim.meta;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A doctype's metadata, read from {@code doctypes/*.json}: its fields in form order, how its documents are named,
 * whether it is a child table or submittable, and who may do what with it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocTypeMeta(String name, String autoname, boolean istable, boolean issingle, boolean submittable,
        String titleField, List<DocField> fields, List<DocPerm> permissions) {

    /** Fields every document has (Frappe's {@code default_fields}); a list may select and filter on them. */
    public static final Set<String> STANDARD_FIELDS = Set.of("name", "owner", "creation", "modified", "modified_by",
            "docstatus", "idx");
    /** Fields every child row adds ({@code child_table_fields}). */
    public static final Set<String> CHILD_FIELDS = Set.of("parent", "parentfield", "parenttype");

    public DocTypeMeta(@JsonProperty("name") String name, @JsonProperty("autoname") String autoname,
            @JsonProperty("istable") int istable, @JsonProperty("issingle") int issingle,
            @JsonProperty("is_submittable") int submittable, @JsonProperty("title_field") String titleField,
            @JsonProperty("fields") List<DocField> fields, @JsonProperty("permissions") List<DocPerm> permissions) {
        this(name, autoname, istable == 1, issingle == 1, submittable == 1, titleField, List.copyOf(fields),
                permissions == null ? List.of() : List.copyOf(permissions));
    }

    /**
     * The fields whose values must be unique across the doctype's documents, each with a unique index; the field
     * the name comes from is left to the primary key.
     */
    public List<DocField> uniqueFields() {
        String nameField = autoname != null && autoname.startsWith("field:") ? autoname.substring(6) : null;
        return istable
                ? List.of()
                : fields.stream().filter(f -> f.unique() && !f.isTable() && !f.fieldname().equals(nameField)).toList();
    }

    /** This doctype with a site's changes to its fields (schema drift). */
    public DocTypeMeta withChanges(Map<String, FieldChange> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        List<DocField> changed = new ArrayList<>();
        for (DocField field : fields) {
            FieldChange change = changes.get(field.fieldname());
            if (change == null) {
                changed.add(field);
            } else if (!change.removed()) {
                changed.add(field.with(change));
            }
        }
        return new DocTypeMeta(name, autoname, istable, issingle, submittable, titleField, changed, permissions);
    }

    public Optional<DocField> field(String fieldname) {
        return fields.stream().filter(field -> field.fieldname().equals(fieldname)).findFirst();
    }

    public List<DocField> tableFields() {
        return fields.stream().filter(DocField::isTable).toList();
    }

    /** This doctype with extra fields (Custom Fields), each placed after its {@code insert_after} field or at the end. */
    public DocTypeMeta withCustomFields(Collection<CustomFieldDefinition> custom) {
        if (custom.isEmpty()) {
            return this;
        }
        Map<String, DocField> ordered = new LinkedHashMap<>();
        fields.forEach(field -> ordered.put(field.fieldname(), field));
        List<DocField> result = new ArrayList<>(fields);
        for (CustomFieldDefinition definition : custom) {
            if (ordered.containsKey(definition.field().fieldname())) {
                continue;
            }
            int at = result.size();
            for (int i = 0; i < result.size(); i++) {
                if (result.get(i).fieldname().equals(definition.insertAfter())) {
                    at = i + 1;
                }
            }
            result.add(at, definition.field());
            ordered.put(definition.field().fieldname(), definition.field());
        }
        return new DocTypeMeta(name, autoname, istable, issingle, submittable, titleField, result, permissions);
    }
}

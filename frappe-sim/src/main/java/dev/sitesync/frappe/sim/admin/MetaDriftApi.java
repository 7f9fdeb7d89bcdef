package dev.sitesync.frappe.sim.admin;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.frappe.sim.meta.DocField;
import dev.sitesync.frappe.sim.meta.DocTypeMeta;
import dev.sitesync.frappe.sim.meta.FieldChange;
import dev.sitesync.frappe.sim.meta.MetaRegistry;

/**
 * {@code /admin/meta/{site}/{doctype}}: schema drift. Changes one field of a doctype on one site (its type, Link
 * target, mandatory or read-only flag, label) or removes it, until the doctype is restored. The site's meta endpoints
 * answer the changed meta and its saves validate against it; stored documents are left as they are.
 */
@Path("/admin/meta/{site}/{doctype}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class MetaDriftApi {

    private static final Set<String> FIELDTYPES = Set.of("Data", "Link", "Dynamic Link", "Select", "Check", "Int",
            "Float", "Currency", "Percent", "Date", "Datetime", "Time", "Text", "Small Text", "Long Text",
            "Text Editor", "Code", "JSON", "Attach", "Password", "Autocomplete", "Phone", "Read Only");

    private final AdminGate gate;
    private final MetaRegistry metas;

    public MetaDriftApi(AdminGate gate, MetaRegistry metas) {
        this.gate = gate;
        this.metas = metas;
    }

    @GET
    public Drift get(@PathParam("site") String site, @PathParam("doctype") String doctype) {
        String known = gate.site(site);
        doctype(known, doctype);
        return new Drift(doctype, new TreeMap<>(metas.changes(known, doctype)));
    }

    @PUT
    @Path("fields/{fieldname}")
    public Drift change(@PathParam("site") String site, @PathParam("doctype") String doctype,
            @PathParam("fieldname") String fieldname, String body) {
        String known = gate.site(site);
        DocField current = field(known, doctype, fieldname);
        ChangeRequest request = gate.read(body, ChangeRequest.class);
        metas.change(known, doctype, fieldname, request.checked(known, metas, current));
        return get(site, doctype);
    }

    @DELETE
    @Path("fields/{fieldname}")
    public Drift remove(@PathParam("site") String site, @PathParam("doctype") String doctype,
            @PathParam("fieldname") String fieldname) {
        String known = gate.site(site);
        field(known, doctype, fieldname);
        metas.change(known, doctype, fieldname, FieldChange.REMOVED);
        return get(site, doctype);
    }

    /** The doctype's fields as they were before any change. */
    @DELETE
    public Drift restore(@PathParam("site") String site, @PathParam("doctype") String doctype) {
        String known = gate.site(site);
        doctype(known, doctype);
        metas.restore(known, doctype);
        return get(site, doctype);
    }

    private DocTypeMeta doctype(String site, String doctype) {
        return metas.find(site, doctype).orElseThrow(() -> new AdminRefusal(ProblemType.NOT_FOUND,
                "No doctype " + doctype + " on site " + site));
    }

    /** The field as it is without drift: the doctype's own (standard or custom). */
    private DocField field(String site, String doctype, String fieldname) {
        doctype(site, doctype);
        return metas.undrifted(site, doctype).flatMap(meta -> meta.field(fieldname))
                .orElseThrow(() -> new AdminRefusal(ProblemType.NOT_FOUND, "Doctype " + doctype + " has no field "
                        + fieldname + "; drift changes or removes existing fields (add fields with a Custom Field"
                        + " document)"));
    }

    /** A change of one field; absent properties stay as they are. */
    public record ChangeRequest(@JsonProperty("fieldtype") String fieldtype, @JsonProperty("options") String options,
            @JsonProperty("reqd") Integer reqd, @JsonProperty("read_only") Integer readOnly,
            @JsonProperty("label") String label) {

        FieldChange checked(String site, MetaRegistry metas, DocField current) {
            if (fieldtype != null && !FIELDTYPES.contains(fieldtype)) {
                throw new AdminRefusal(ProblemType.INVALID_REQUEST, "fieldtype " + fieldtype
                        + " is not one frappe-sim stores; use one of " + String.join(", ", new TreeSet<>(FIELDTYPES)));
            }
            String type = fieldtype == null ? current.fieldtype() : fieldtype;
            String target = options == null ? current.options() : options;
            if ("Link".equals(type) && (target == null || metas.find(site, target).isEmpty())) {
                throw new AdminRefusal(ProblemType.INVALID_REQUEST, "A Link's options name the doctype it links to; "
                        + target + " is not a doctype of site " + site);
            }
            if (flag(reqd) == null && reqd != null || flag(readOnly) == null && readOnly != null) {
                throw new AdminRefusal(ProblemType.INVALID_REQUEST, "reqd and read_only are 0 or 1");
            }
            if (fieldtype == null && options == null && reqd == null && readOnly == null && label == null) {
                throw new AdminRefusal(ProblemType.INVALID_REQUEST, "The change names no property; give fieldtype,"
                        + " options, reqd, read_only or label (DELETE the field to remove it)");
            }
            return new FieldChange(fieldtype, options, flag(reqd), flag(readOnly), label, false);
        }

        private static Boolean flag(Integer value) {
            return value == null || (value != 0 && value != 1) ? null : value == 1;
        }
    }

    /** The changes in force on one doctype of one site, by fieldname. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Drift(@JsonProperty("doctype") String doctype,
            @JsonProperty("changes") Map<String, FieldChange> changes) {
    }
}

package dev.sitesync.frappe.sim.engine;

import java.util.List;

import dev.sitesync.frappe.sim.meta.DocField;
import dev.sitesync.frappe.sim.meta.DocTypeMeta;
import dev.sitesync.frappe.sim.meta.MetaRegistry;
import dev.sitesync.frappe.sim.store.SiteTx;

/**
 * {@code check_if_doc_is_linked}: a document others link to cannot be deleted (by any but cancelled documents), nor
 * cancelled while submitted documents link to it.
 */
final class BackLinks {

    private BackLinks() {
    }

    static void refuseIfLinked(SiteTx tx, MetaRegistry metas, String site, String doctype, String name,
            boolean cancelling) {
        String docstatusCondition = cancelling ? "docstatus = 1" : "docstatus < 2";
        for (DocTypeMeta linking : metas.all(site)) {
            for (DocField field : linking.fields()) {
                if (!field.isLink() || !doctype.equals(field.options())) {
                    continue;
                }
                if (linking.istable()) {
                    for (DocTypeMeta parent : metas.all(site)) {
                        for (DocField table : parent.tableFields()) {
                            if (linking.name().equals(table.options())) {
                                check(tx, parent.name(), "exists (select 1 from jsonb_array_elements(data->'"
                                        + table.fieldname() + "') row where row->>'" + field.fieldname() + "' = ?)",
                                        docstatusCondition, doctype, name);
                            }
                        }
                    }
                } else {
                    check(tx, linking.name(), "data->>'" + field.fieldname() + "' = ?", docstatusCondition, doctype,
                            name);
                }
            }
        }
    }

    private static void check(SiteTx tx, String linkingDoctype, String condition, String docstatusCondition,
            String doctype, String name) {
        List<String> linked = tx.query("select name from " + tx.schema() + ".document where doctype = ? and "
                + docstatusCondition + " and " + condition + " and not (doctype = ? and name = ?) limit 1",
                List.of(linkingDoctype, name, doctype, name), rows -> rows.getString(1));
        if (!linked.isEmpty()) {
            throw FrappeError.validation("LinkExistsError", "Cannot delete or cancel because " + doctype + " " + name
                    + " is linked with " + linkingDoctype + " " + linked.get(0));
        }
    }
}

package dev.sitesync.frappe.sim.site;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.engine.DocumentChanged;
import dev.sitesync.frappe.sim.meta.CustomFieldDefinition;
import dev.sitesync.frappe.sim.meta.DocField;
import dev.sitesync.frappe.sim.meta.MetaRegistry;
import dev.sitesync.frappe.sim.store.Transactions;

/** Keeps each site's doctypes in step with its {@code Custom Field} documents, as Frappe adds the column at once. */
@ApplicationScoped
public class CustomFields {

    private final MetaRegistry metas;
    private final Transactions transactions;

    public CustomFields(MetaRegistry metas, Transactions transactions) {
        this.metas = metas;
        this.transactions = transactions;
    }

    public void reload(String site) {
        List<ObjectNode> stored = transactions.inSite(site, tx -> tx.documents("select data from " + tx.schema()
                + ".document where doctype = 'Custom Field' order by creation", List.of()));
        List<CustomFieldDefinition> definitions = new ArrayList<>();
        for (ObjectNode field : stored) {
            definitions.add(new CustomFieldDefinition(field.path("dt").asText(), new DocField(
                    field.path("fieldname").asText(), field.path("fieldtype").asText("Data"),
                    field.path("options").asText(null), field.path("label").asText(null),
                    field.path("default").asText(null), field.path("reqd").asInt() == 1,
                    field.path("unique").asInt() == 1, field.path("read_only").asInt() == 1,
                    field.path("allow_on_submit").asInt() == 1, field.path("no_copy").asInt() == 1, true),
                    field.path("insert_after").asText(null)));
        }
        metas.setCustomFields(site, definitions);
    }

    void changed(@Observes DocumentChanged change) {
        if ("Custom Field".equals(change.doctype())) {
            reload(change.site());
        }
    }
}

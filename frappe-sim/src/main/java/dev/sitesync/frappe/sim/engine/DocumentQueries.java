package dev.sitesync.frappe.sim.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.meta.DocTypeMeta;
import dev.sitesync.frappe.sim.meta.MetaRegistry;
import dev.sitesync.frappe.sim.meta.PermissionType;
import dev.sitesync.frappe.sim.store.SiteSchemas;
import dev.sitesync.frappe.sim.store.Transactions;

/** {@code frappe.client.get_list} and {@code get_count}: read-permission checked, filtered, ordered, paged. */
@ApplicationScoped
public class DocumentQueries {

    private static final Pattern ALIAS = Pattern.compile("^(.+?)\\s+as\\s+`?([a-zA-Z0-9_]+)`?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COUNT = Pattern.compile("^count\\(\\s*(\\*|`?[a-zA-Z0-9_.`]+`?)\\s*\\)$",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> STAR_STANDARD = List.of("name", "creation", "modified", "modified_by", "owner",
            "docstatus", "idx");

    private final MetaRegistry metas;
    private final Transactions transactions;

    public DocumentQueries(MetaRegistry metas, Transactions transactions) {
        this.metas = metas;
        this.transactions = transactions;
    }

    /** The rows, each a JSON object ({@code as_dict}) or array of values in field order. */
    public List<JsonNode> list(Caller caller, ListRequest request) {
        DocTypeMeta meta = readable(caller, request.doctype());
        ListSql sql = new ListSql(metas, caller.site(), meta);
        List<Selected> selected = select(sql, meta, request.fields());
        String where = sql.where(request.filters(), request.orFilters());
        if (selected.stream().anyMatch(Selected::isCount)) {
            long count = count(caller, meta, where, sql.parameters());
            return List.of(shape(selected, null, count, request.asDict()));
        }
        String query = "select data from " + schema(caller) + ".document where " + where + " order by "
                + sql.orderBy(request.orderBy())
                + (request.pageLength() > 0 ? " limit " + request.pageLength() : "")
                + (request.start() > 0 ? " offset " + request.start() : "");
        List<ObjectNode> documents = transactions.inSite(caller.site(), tx -> tx.documents(query, sql.parameters()));
        List<JsonNode> rows = new ArrayList<>(documents.size());
        documents.forEach(doc -> rows.add(shape(selected, doc, 0, request.asDict())));
        return rows;
    }

    public long count(Caller caller, String doctype, JsonNode filters) {
        DocTypeMeta meta = readable(caller, doctype);
        ListSql sql = new ListSql(metas, caller.site(), meta);
        String where = sql.where(filters, null);
        return count(caller, meta, where, sql.parameters());
    }

    private long count(Caller caller, DocTypeMeta meta, String where, List<Object> parameters) {
        return transactions.inSite(caller.site(), tx -> tx.query("select count(*) from " + tx.schema()
                + ".document where " + where, parameters, rows -> rows.getLong(1)).get(0));
    }

    private DocTypeMeta readable(Caller caller, String doctype) {
        DocTypeMeta meta = metas.find(caller.site(), doctype).orElseThrow(() -> FrappeError.doctypeNotFound(doctype));
        Permissions.check(caller, meta, PermissionType.READ);
        return meta;
    }

    private static String schema(Caller caller) {
        return SiteSchemas.schemaOf(caller.site());
    }

    private static List<Selected> select(ListSql sql, DocTypeMeta meta, List<String> fields) {
        List<Selected> selected = new ArrayList<>();
        for (String given : fields.isEmpty() ? List.of("name") : fields) {
            String field = given.trim();
            String alias = null;
            Matcher aliased = ALIAS.matcher(field);
            if (aliased.matches()) {
                field = aliased.group(1).trim();
                alias = aliased.group(2);
            }
            if (field.equals("*") || field.equals("`tab" + meta.name() + "`.*")) {
                STAR_STANDARD.forEach(name -> selected.add(new Selected(name, name, false)));
                meta.fields().stream().filter(f -> !f.isTable() && !f.isPassword())
                        .forEach(f -> selected.add(new Selected(f.fieldname(), f.fieldname(), false)));
                continue;
            }
            Matcher count = COUNT.matcher(field);
            if (count.matches()) {
                selected.add(new Selected(null, alias == null ? field.toLowerCase(Locale.ROOT) : alias, true));
                continue;
            }
            String name = sql.fieldName(field);
            if (!sql.isColumn(name)) {
                throw FrappeError.dataError("Field not permitted in query: " + given);
            }
            boolean secret = meta.field(name).map(f -> f.isPassword()).orElse(false);
            selected.add(new Selected(secret ? null : name, alias == null ? name : alias, false));
        }
        return selected;
    }

    private static JsonNode shape(List<Selected> selected, ObjectNode doc, long count, boolean asDict) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Selected column : selected) {
            JsonNode value = column.isCount()
                    ? LongNode.valueOf(count)
                    : column.field() == null ? null : doc.get(column.field());
            values.put(column.key(), value == null ? NullNode.instance : value);
        }
        if (asDict) {
            ObjectNode row = DocumentCodec.object();
            values.forEach(row::set);
            return row;
        }
        ArrayNode row = DocumentCodec.array();
        values.values().forEach(row::add);
        return row;
    }

    private record Selected(String field, String key, boolean isCount) {
    }

}

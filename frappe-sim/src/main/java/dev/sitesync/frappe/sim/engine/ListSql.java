package dev.sitesync.frappe.sim.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sitesync.frappe.sim.meta.DocField;
import dev.sitesync.frappe.sim.meta.DocTypeMeta;
import dev.sitesync.frappe.sim.meta.MetaRegistry;

/**
 * The SQL of a list query over the JSON store: Frappe's filters ({@code db_query.prepare_filter_condition}), with
 * {@code ifnull} semantics for text and numbers, child-table filters, and {@code order_by}. Field names come only
 * from the doctype's meta and values only as bind parameters, so nothing a caller sends is pasted into SQL.
 */
final class ListSql {

    private static final Pattern QUALIFIED = Pattern.compile("^`?tab([^`]+)`?\\.`?([a-zA-Z0-9_]+)`?$");
    private static final Pattern PLAIN = Pattern.compile("^`?([a-zA-Z0-9_]+)`?$");
    private static final Pattern ORDER = Pattern.compile("^(\\S+?)(?:\\s+(asc|desc))?$", Pattern.CASE_INSENSITIVE);

    private final MetaRegistry metas;
    private final String site;
    private final DocTypeMeta meta;
    private final List<Object> parameters = new ArrayList<>();

    ListSql(MetaRegistry metas, String site, DocTypeMeta meta) {
        this.metas = metas;
        this.site = site;
        this.meta = meta;
    }

    List<Object> parameters() {
        return parameters;
    }

    /** {@code doctype = ?} plus every filter (and) and or-filter (or). */
    String where(JsonNode filters, JsonNode orFilters) {
        parameters.add(meta.name());
        StringBuilder sql = new StringBuilder("doctype = ?");
        for (Condition condition : conditions(filters)) {
            sql.append(" and ").append(condition(condition));
        }
        List<Condition> alternatives = conditions(orFilters);
        if (!alternatives.isEmpty()) {
            List<String> parts = new ArrayList<>();
            alternatives.forEach(condition -> parts.add(condition(condition)));
            sql.append(" and (").append(String.join(" or ", parts)).append(")");
        }
        return sql.toString();
    }

    /** {@code order_by}, e.g. {@code "modified desc, name asc"}; NULLs first when ascending, as in MariaDB. */
    String orderBy(String orderBy) {
        String given = orderBy == null || orderBy.isBlank() ? "modified desc" : orderBy;
        List<String> terms = new ArrayList<>();
        for (String term : given.split(",")) {
            Matcher matcher = ORDER.matcher(term.trim());
            if (!matcher.matches()) {
                throw FrappeError.dataError("Invalid order_by: " + orderBy);
            }
            boolean descending = "desc".equalsIgnoreCase(matcher.group(2));
            Column column = column(fieldName(matcher.group(1)), "data");
            terms.add(column.sortSql() + (descending ? " desc nulls last" : " asc nulls first"));
        }
        return String.join(", ", terms);
    }

    /** A requested field's name, without table qualification or backticks. */
    String fieldName(String given) {
        String trimmed = given.trim();
        Matcher qualified = QUALIFIED.matcher(trimmed);
        if (qualified.matches()) {
            if (!qualified.group(1).equals(meta.name())) {
                throw FrappeError.dataError("Field not permitted in query: " + given);
            }
            return qualified.group(2);
        }
        Matcher plain = PLAIN.matcher(trimmed);
        if (!plain.matches()) {
            throw FrappeError.dataError("Field not permitted in query: " + given);
        }
        return plain.group(1);
    }

    /** True when the field is a column a list can return. */
    boolean isColumn(String fieldname) {
        return DocTypeMeta.STANDARD_FIELDS.contains(fieldname)
                || meta.field(fieldname).filter(field -> !field.isTable()).isPresent();
    }

    private List<Condition> conditions(JsonNode filters) {
        List<Condition> conditions = new ArrayList<>();
        if (filters == null || filters.isNull() || filters.isMissingNode()) {
            return conditions;
        }
        if (filters.isObject()) {
            filters.fields().forEachRemaining(entry -> {
                JsonNode value = entry.getValue();
                if (value.isArray() && value.size() >= 1 && value.get(0).isTextual() && isOperator(value.get(0).asText())) {
                    conditions.add(new Condition(null, entry.getKey(), value.get(0).asText(),
                            value.size() > 1 ? value.get(1) : null));
                } else {
                    conditions.add(new Condition(null, entry.getKey(), "=", value));
                }
            });
            return conditions;
        }
        if (!filters.isArray()) {
            throw FrappeError.dataError("Filters must be a list or a dict");
        }
        for (JsonNode filter : filters) {
            if (!filter.isArray() || filter.size() < 2 || filter.size() > 4) {
                throw FrappeError.dataError("Invalid filter: " + filter);
            }
            switch (filter.size()) {
                case 2 -> conditions.add(new Condition(null, filter.get(0).asText(), "=", filter.get(1)));
                case 3 -> conditions.add(new Condition(null, filter.get(0).asText(), filter.get(1).asText(),
                        filter.get(2)));
                default -> conditions.add(new Condition(filter.get(0).asText(), filter.get(1).asText(),
                        filter.get(2).asText(), filter.get(3)));
            }
        }
        return conditions;
    }

    private static boolean isOperator(String text) {
        return Arrays.asList("=", "!=", ">", "<", ">=", "<=", "like", "not like", "in", "not in", "is", "between",
                "timespan", "previous", "next", "descendants of", "ancestors of", "not descendants of",
                "not ancestors of").contains(text.trim().toLowerCase(Locale.ROOT));
    }

    private String condition(Condition condition) {
        if (condition.doctype() == null || condition.doctype().equals(meta.name())) {
            return predicate(column(fieldName(condition.field()), "data"), condition);
        }
        DocField table = meta.tableFields().stream().filter(field -> condition.doctype().equals(field.options()))
                .findFirst().orElseThrow(() -> FrappeError.dataError("Field not permitted in query: "
                        + condition.doctype() + "." + condition.field()));
        DocTypeMeta child = metas.find(site, table.options()).orElseThrow();
        Column column = new ListSql(metas, site, child).column(fieldName(condition.field()), "row");
        return "exists (select 1 from jsonb_array_elements(data->'" + table.fieldname() + "') row where "
                + predicate(column, condition) + ")";
    }

    private String predicate(Column column, Condition condition) {
        String operator = condition.operator().trim().toLowerCase(Locale.ROOT);
        JsonNode value = condition.value();
        switch (operator) {
            case "=", "!=", ">", "<", ">=", "<=" -> {
                parameters.add(column.bind(scalar(value)));
                return column.sql() + " " + (operator.equals("!=") ? "<>" : operator) + " " + column.placeholder();
            }
            case "like", "not like" -> {
                parameters.add(scalar(value));
                return column.textSql() + (operator.equals("like") ? " ilike ?" : " not ilike ?");
            }
            case "in", "not in" -> {
                List<String> values = values(value);
                if (values.isEmpty()) {
                    return operator.equals("in") ? "false" : "true";
                }
                parameters.add(values);
                return (operator.equals("in") ? "" : "not ") + column.sql() + " = any(?::" + column.arrayType() + ")";
            }
            case "is" -> {
                String wanted = scalar(value).toLowerCase(Locale.ROOT);
                String present = "coalesce(" + column.rawText() + ", '') <> ''";
                if (wanted.equals("set")) {
                    return present;
                }
                if (wanted.equals("not set")) {
                    return "not (" + present + ")";
                }
                throw FrappeError.dataError("Value for 'is' must be 'set' or 'not set'");
            }
            case "between" -> {
                List<String> range = values(value);
                if (range.size() != 2) {
                    throw FrappeError.dataError("Between needs two values");
                }
                String to = range.get(1);
                if (column.kind() == Kind.DATETIME && to.length() == 10) {
                    to = to + " 23:59:59.999999";
                }
                parameters.add(column.bind(range.get(0)));
                parameters.add(column.bind(to));
                return column.sql() + " between " + column.placeholder() + " and " + column.placeholder();
            }
            default -> throw FrappeError.dataError("Operator " + condition.operator() + " is not supported here");
        }
    }

    private static String scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isTextual()
                ? value.asText()
                : value.isBoolean()
                        ? (value.asBoolean() ? "1" : "0")
                        : value.asText();
    }

    /** A list value, or Frappe's comma-separated string form. */
    private static List<String> values(JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (value.isArray()) {
            value.forEach(item -> values.add(scalar(item)));
        } else {
            for (String part : scalar(value).split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    Column column(String fieldname, String source) {
        switch (fieldname) {
            case "name" :
                return source.equals("data")
                        ? new Column("name", Kind.TEXT, "name")
                        : new Column(source + "->>'name'", Kind.TEXT, source + "->>'name'");
            case "creation", "modified" :
                return source.equals("data")
                        ? new Column(fieldname, Kind.DATETIME, "data->>'" + fieldname + "'")
                        : new Column("(" + source + "->>'" + fieldname + "')::timestamp", Kind.DATETIME,
                                source + "->>'" + fieldname + "'");
            case "docstatus" :
                return source.equals("data")
                        ? new Column("docstatus", Kind.NUMBER, "docstatus::text")
                        : numeric(source, fieldname);
            case "idx" :
                return numeric(source, fieldname);
            case "owner", "modified_by", "parent", "parentfield", "parenttype" :
                return text(source, fieldname);
            default :
                DocField field = meta.field(fieldname).filter(f -> !f.isTable() && !f.isPassword())
                        .orElseThrow(() -> FrappeError.dataError("Field not permitted in query: " + fieldname));
                if (field.isNumeric()) {
                    return numeric(source, fieldname);
                }
                if (field.isDate()) {
                    return new Column("(" + source + "->>'" + fieldname + "')::date", Kind.DATE,
                            source + "->>'" + fieldname + "'");
                }
                if (field.isDatetime()) {
                    return new Column("(" + source + "->>'" + fieldname + "')::timestamp", Kind.DATETIME,
                            source + "->>'" + fieldname + "'");
                }
                return text(source, fieldname);
        }
    }

    private static Column numeric(String source, String fieldname) {
        return new Column("coalesce((" + source + "->>'" + fieldname + "')::numeric, 0)", Kind.NUMBER,
                source + "->>'" + fieldname + "'");
    }

    private static Column text(String source, String fieldname) {
        return new Column("(coalesce(" + source + "->>'" + fieldname + "', '') collate \"C\")", Kind.TEXT,
                source + "->>'" + fieldname + "'");
    }

    private record Condition(String doctype, String field, String operator, JsonNode value) {
    }

    enum Kind {
        TEXT,
        NUMBER,
        DATE,
        DATETIME
    }

    /** A field as SQL: its comparable expression, its kind, and its raw text (for {@code is set}). */
    record Column(String sql, Kind kind, String rawText) {

        String placeholder() {
            return switch (kind) {
                case NUMBER -> "?::numeric";
                case DATE -> "?::date";
                case DATETIME -> "?::timestamp";
                case TEXT -> "?";
            };
        }

        String arrayType() {
            return switch (kind) {
                case NUMBER -> "numeric[]";
                case DATE -> "date[]";
                case DATETIME -> "timestamp[]";
                case TEXT -> "text[]";
            };
        }

        Object bind(String value) {
            if (kind == Kind.NUMBER) {
                try {
                    return new BigDecimal(value.isBlank() ? "0" : value.trim()).toPlainString();
                } catch (NumberFormatException e) {
                    throw FrappeError.dataError("Invalid number in filter: " + value);
                }
            }
            if (kind != Kind.TEXT && value.isBlank()) {
                throw FrappeError.dataError("Invalid date in filter: empty value");
            }
            return value;
        }

        String textSql() {
            return kind == Kind.TEXT ? sql : "coalesce(" + rawText + ", '')";
        }

        /** Text sorts and compares bytewise (collation C), as the {@code name} column does, so the two agree. */
        String sortSql() {
            return sql;
        }
    }
}

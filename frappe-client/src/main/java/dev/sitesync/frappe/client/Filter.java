package dev.sitesync.frappe.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One condition of a Frappe list query, serialised as Frappe's list form: {@code [field, op, value]}, or
 * {@code [doctype, field, op, value]} when it names a doctype (a child doctype's name joins its table).
 *
 * @param doctype the doctype the field belongs to, or {@code null} for the queried doctype
 */
public record Filter(String doctype, String field, Operator operator, Object value) {

    public Filter {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
    }

    public static Filter of(String doctype, String field, String operator, Object value) {
        return new Filter(doctype, field, Operator.fromSymbol(operator), value);
    }

    public static Filter of(String field, String operator, Object value) {
        return new Filter(null, field, Operator.fromSymbol(operator), value);
    }

    public static Filter eq(String field, Object value) {
        return new Filter(null, field, Operator.EQ, value);
    }

    public static Filter ne(String field, Object value) {
        return new Filter(null, field, Operator.NE, value);
    }

    public static Filter gt(String field, Object value) {
        return new Filter(null, field, Operator.GT, value);
    }

    public static Filter ge(String field, Object value) {
        return new Filter(null, field, Operator.GE, value);
    }

    public static Filter lt(String field, Object value) {
        return new Filter(null, field, Operator.LT, value);
    }

    public static Filter le(String field, Object value) {
        return new Filter(null, field, Operator.LE, value);
    }

    public static Filter like(String field, String pattern) {
        return new Filter(null, field, Operator.LIKE, pattern);
    }

    public static Filter notLike(String field, String pattern) {
        return new Filter(null, field, Operator.NOT_LIKE, pattern);
    }

    public static Filter in(String field, Collection<?> values) {
        return new Filter(null, field, Operator.IN, List.copyOf(values));
    }

    public static Filter notIn(String field, Collection<?> values) {
        return new Filter(null, field, Operator.NOT_IN, List.copyOf(values));
    }

    public static Filter between(String field, Object from, Object to) {
        return new Filter(null, field, Operator.BETWEEN, List.of(from, to));
    }

    /** The field has a value: neither null nor empty. */
    public static Filter isSet(String field) {
        return new Filter(null, field, Operator.IS, "set");
    }

    /** The field is null or empty. */
    public static Filter isNotSet(String field) {
        return new Filter(null, field, Operator.IS, "not set");
    }

    /** The same condition on a field of the given (child) doctype. */
    public Filter on(String otherDoctype) {
        return new Filter(otherDoctype, field, operator, value);
    }

    /** Frappe's list form; Jackson writes this, so values are escaped as JSON, never concatenated. */
    @JsonValue
    public List<Object> toList() {
        List<Object> list = new ArrayList<>(4);
        if (doctype != null) {
            list.add(doctype);
        }
        list.add(field);
        list.add(operator.symbol());
        list.add(value);
        return list;
    }
}

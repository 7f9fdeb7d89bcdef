package dev.sitesync.frappe.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@code GET /api/resource/{doctype}} query. Immutable; each {@code with}-style method returns a new query.
 *
 * @param fields columns to return; empty means Frappe's default (only {@code name}), {@code "*"} means all
 * @param limitPageLength page size; {@code null} leaves Frappe's default of 20, {@code 0} means no limit
 */
public record ListQuery(String doctype, List<String> fields, List<Filter> filters, List<Filter> orFilters,
        String orderBy, int limitStart, Integer limitPageLength) {

    public static final int FRAPPE_DEFAULT_PAGE_LENGTH = 20;

    public ListQuery {
        Objects.requireNonNull(doctype, "doctype");
        fields = List.copyOf(fields);
        filters = List.copyOf(filters);
        orFilters = List.copyOf(orFilters);
        if (limitStart < 0 || (limitPageLength != null && limitPageLength < 0)) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    public static ListQuery of(String doctype) {
        return new ListQuery(doctype, List.of(), List.of(), List.of(), null, 0, null);
    }

    public ListQuery fields(String... names) {
        return new ListQuery(doctype, Arrays.asList(names), filters, orFilters, orderBy, limitStart, limitPageLength);
    }

    public ListQuery fields(List<String> names) {
        return new ListQuery(doctype, names, filters, orFilters, orderBy, limitStart, limitPageLength);
    }

    /** Adds conditions that must all hold. */
    public ListQuery where(Filter... conditions) {
        return new ListQuery(doctype, fields, concat(filters, conditions), orFilters, orderBy, limitStart,
                limitPageLength);
    }

    /** Adds alternatives, of which at least one must hold. */
    public ListQuery whereAny(Filter... alternatives) {
        return new ListQuery(doctype, fields, filters, concat(orFilters, alternatives), orderBy, limitStart,
                limitPageLength);
    }

    /** An SQL-like order such as {@code "modified asc, name asc"}. */
    public ListQuery orderBy(String order) {
        return new ListQuery(doctype, fields, filters, orFilters, order, limitStart, limitPageLength);
    }

    public ListQuery limit(int start, int pageLength) {
        return new ListQuery(doctype, fields, filters, orFilters, orderBy, start, pageLength);
    }

    /** All matching rows in one response ({@code limit_page_length=0}). */
    public ListQuery unlimited() {
        return new ListQuery(doctype, fields, filters, orFilters, orderBy, 0, 0);
    }

    private static List<Filter> concat(List<Filter> existing, Filter... more) {
        List<Filter> all = new ArrayList<>(existing);
        all.addAll(Arrays.asList(more));
        return all;
    }
}

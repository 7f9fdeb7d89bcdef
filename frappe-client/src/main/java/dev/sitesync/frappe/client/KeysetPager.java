package dev.sitesync.frappe.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * Reads a doctype in {@code (modified, name)} order without losing rows that share one {@code modified} value across
 * a page boundary. Frappe's filters cannot say {@code modified > m or (modified = m and name > n)} in one filter set
 * (or_filters would drop the other conditions), so a page is read in two steps: first the rest of the tie,
 * {@code modified = m and name > n} ordered by name, then, if the page still has room, {@code modified > m} ordered by
 * {@code modified, name}. The tie query is what makes a long run of equal timestamps safe.
 */
final class KeysetPager {

    private final Function<ListQuery, Uni<List<ObjectNode>>> lister;

    KeysetPager(Function<ListQuery, Uni<List<ObjectNode>>> lister) {
        this.lister = lister;
    }

    Uni<KeysetPage> page(ListQuery base, KeysetCursor after, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        ListQuery query = withKeyFields(base);
        if (after == null) {
            return later(query, null, pageSize, List.of(), null);
        }
        ListQuery rest = query.where(Filter.eq("modified", after.modified()), Filter.gt("name", after.name()))
                .orderBy("name asc").limit(0, pageSize);
        return lister.apply(rest).flatMap(tie -> {
            if (tie.size() >= pageSize) {
                return Uni.createFrom().item(new KeysetPage(tie, KeysetCursor.of(tie.get(tie.size() - 1)), false));
            }
            return later(query, after, pageSize - tie.size(), tie, after);
        });
    }

    private Uni<KeysetPage> later(ListQuery query, KeysetCursor after, int room, List<ObjectNode> tie,
            KeysetCursor fallback) {
        ListQuery next = (after == null ? query : query.where(Filter.gt("modified", after.modified())))
                .orderBy("modified asc, name asc").limit(0, room);
        return lister.apply(next).map(rows -> {
            List<ObjectNode> all = new ArrayList<>(tie);
            all.addAll(rows);
            KeysetCursor last = all.isEmpty() ? fallback : KeysetCursor.of(all.get(all.size() - 1));
            return new KeysetPage(all, last, rows.size() < room);
        });
    }

    private static ListQuery withKeyFields(ListQuery query) {
        if (query.fields().isEmpty() || query.fields().contains("*")) {
            return query.fields().isEmpty() ? query.fields("name", "modified") : query;
        }
        Set<String> fields = new LinkedHashSet<>(query.fields());
        fields.add("name");
        fields.add("modified");
        return query.fields(List.copyOf(fields));
    }
}

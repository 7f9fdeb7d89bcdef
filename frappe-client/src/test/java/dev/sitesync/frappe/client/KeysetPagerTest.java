package dev.sitesync.frappe.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/** The pager against an in-memory doctype that answers the pager's filters as Frappe would. */
class KeysetPagerTest {

    private final List<ObjectNode> table = new ArrayList<>();
    private final List<ListQuery> queries = new ArrayList<>();
    private final KeysetPager pager = new KeysetPager(this::answer);

    @Test
    void givenSevenRowsSharingOneModifiedWhenReadInPagesOfThreeThenEveryRowArrivesOnce() {
        for (int i = 1; i <= 7; i++) {
            row("B-" + i, "2024-01-05 10:00:00.000001");
        }
        row("A-1", "2024-01-05 09:00:00");
        row("C-1", "2024-01-05 11:00:00");

        List<String> names = readAll(3);

        assertThat(names).containsExactly("A-1", "B-1", "B-2", "B-3", "B-4", "B-5", "B-6", "B-7", "C-1");
    }

    @Test
    void givenAPageThatEndsInsideATieWhenTheNextPageIsReadThenTheTieIsFinishedFirst() {
        row("X-1", "2024-01-05 10:00:00");
        row("X-2", "2024-01-05 10:00:00");
        row("X-3", "2024-01-05 10:00:00");
        row("Y-1", "2024-01-05 10:00:01");

        KeysetPage first = pager.page(ListQuery.of("Item"), null, 2).await().indefinitely();
        KeysetPage second = pager.page(ListQuery.of("Item"), first.next(), 2).await().indefinitely();

        assertThat(first.next()).isEqualTo(new KeysetCursor("2024-01-05 10:00:00", "X-2"));
        assertThat(first.complete()).isFalse();
        assertThat(second.rows()).extracting(row -> row.get("name").asText()).containsExactly("X-3", "Y-1");
        assertThat(second.complete()).isFalse();
    }

    @Test
    void givenTheLastPageWhenReadThenItIsCompleteAndTheCursorStaysOnTheLastRow() {
        row("A-1", "2024-01-05 09:00:00");

        KeysetPage page = pager.page(ListQuery.of("Item"), null, 5).await().indefinitely();
        KeysetPage after = pager.page(ListQuery.of("Item"), page.next(), 5).await().indefinitely();

        assertThat(page.complete()).isTrue();
        assertThat(after.rows()).isEmpty();
        assertThat(after.complete()).isTrue();
        assertThat(after.next()).isEqualTo(new KeysetCursor("2024-01-05 09:00:00", "A-1"));
    }

    @Test
    void theCallersFiltersAndFieldsAreKeptAndTheKeyFieldsAdded() {
        row("A-1", "2024-01-05 09:00:00");

        pager.page(ListQuery.of("Item").fields("item_name").where(Filter.eq("disabled", 0)),
                new KeysetCursor("2024-01-01 00:00:00", "Z"), 5).await().indefinitely();

        assertThat(queries).allSatisfy(query -> {
            assertThat(query.fields()).containsExactly("item_name", "name", "modified");
            assertThat(query.filters()).contains(Filter.eq("disabled", 0));
        });
        assertThat(queries.get(0).orderBy()).isEqualTo("name asc");
        assertThat(queries.get(1).orderBy()).isEqualTo("modified asc, name asc");
    }

    private List<String> readAll(int pageSize) {
        List<String> names = new ArrayList<>();
        KeysetCursor cursor = null;
        KeysetPage page;
        do {
            page = pager.page(ListQuery.of("Item"), cursor, pageSize).await().indefinitely();
            page.rows().forEach(row -> names.add(row.get("name").asText()));
            cursor = page.next();
        } while (!page.complete());
        return names;
    }

    private void row(String name, String modified) {
        table.add(JsonNodeFactory.instance.objectNode().put("name", name).put("modified", modified));
    }

    /** Understands exactly what the pager sends: = and > on modified and name, two orders, a page length. */
    private Uni<List<ObjectNode>> answer(ListQuery query) {
        queries.add(query);
        Predicate<ObjectNode> matches = row -> query.filters().stream().allMatch(filter -> {
            if (!filter.field().equals("modified") && !filter.field().equals("name")) {
                return true;
            }
            int comparison = row.get(filter.field()).asText().compareTo((String) filter.value());
            return filter.operator() == Operator.EQ ? comparison == 0 : comparison > 0;
        });
        Comparator<ObjectNode> byName = Comparator.comparing(row -> row.get("name").asText());
        Comparator<ObjectNode> order = query.orderBy().startsWith("modified")
                ? Comparator.<ObjectNode, String>comparing(row -> row.get("modified").asText()).thenComparing(byName)
                : byName;
        return Uni.createFrom().item(table.stream().filter(matches).sorted(order)
                .limit(query.limitPageLength()).toList());
    }
}

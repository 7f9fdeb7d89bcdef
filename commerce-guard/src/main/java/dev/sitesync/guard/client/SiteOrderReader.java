package dev.sitesync.guard.client;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.domain.SalesOrder;

/**
 * Reads a site's past Sales Orders as the rules see orders, for backtests and audits. A stored order carries many
 * fields a storefront never sends (names, timestamps, computed values); they are ignored here.
 */
@Singleton
public class SiteOrderReader {

    /** A Sales Order as stored on the site. */
    public record PastOrder(String name, LocalDate createdOn, SalesOrder order) {
    }

    private final SiteDirectory sites;
    private final ObjectMapper lenient;

    public SiteOrderReader(SiteDirectory sites, ObjectMapper json) {
        this.sites = sites;
        this.lenient = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The names of the orders matching the filters, oldest transaction first, at most {@code limit}. */
    public Uni<List<String>> names(String site, int limit, Filter... filters) {
        ListQuery query = ListQuery.of(SiteOrders.DOCTYPE).fields("name").where(filters)
                .orderBy("transaction_date asc, name asc").limit(0, limit);
        return sites.client(site).list(query).map(rows -> rows.stream().map(row -> row.path("name").asText()).toList());
    }

    /** The orders of these names, read {@code concurrency} at a time, in no particular order. */
    public Uni<List<PastOrder>> read(String site, List<String> names, int concurrency) {
        return Multi.createFrom().iterable(names)
                .onItem().transformToUni(name -> sites.client(site).get(SiteOrders.DOCTYPE, name).map(this::toPastOrder))
                .merge(concurrency)
                .collect().asList();
    }

    private PastOrder toPastOrder(ObjectNode document) {
        SalesOrder order = lenient.convertValue(document, SalesOrder.class);
        String creation = document.path("creation").asText("");
        LocalDate createdOn = creation.isEmpty()
                ? order.transactionDate()
                : FrappeDateTimes.parse(creation).toLocalDate();
        return new PastOrder(document.path("name").asText(), createdOn, order);
    }
}

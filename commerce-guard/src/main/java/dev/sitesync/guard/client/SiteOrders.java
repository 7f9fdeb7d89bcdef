package dev.sitesync.guard.client;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.config.SiteConfig;
import dev.sitesync.guard.domain.SalesOrder;

/** Sales Orders on a site, through the guard's own API user. */
@Singleton
public class SiteOrders {

    public static final String DOCTYPE = "Sales Order";

    private static final Logger LOG = Logger.getLogger(SiteOrders.class);

    private final SiteDirectory sites;
    private final ObjectMapper json;

    public SiteOrders(SiteDirectory sites, ObjectMapper json) {
        this.sites = sites;
        this.json = json;
    }

    /**
     * Inserts the order as a draft: the guard submits only once a payment is confirmed. The draft carries the decision
     * that let it in (the site's decision custom field); a held order carries its note in the hold-note custom field,
     * so whoever opens it on the site sees why it waits.
     */
    public Uni<ObjectNode> insertDraft(String site, SalesOrder order, UUID decisionId, String holdNote) {
        SiteConfig config = sites.config(site);
        ObjectNode document = json.valueToTree(order);
        document.put("doctype", DOCTYPE);
        document.remove("docstatus");
        document.put(config.decisionField(), decisionId.toString());
        if (holdNote != null) {
            document.put(config.holdNoteField(), holdNote);
        }
        return sites.client(site).insert(DOCTYPE, document);
    }

    /**
     * The Sales Order (not cancelled) a decision led to, found by the decision custom field; empty when there is none,
     * or when the site cannot be asked (a site without the field): then nothing can be said to exist.
     */
    public Uni<Optional<ObjectNode>> findByDecision(String site, UUID decisionId) {
        ListQuery query = ListQuery.of(DOCTYPE).fields("name")
                .where(Filter.eq(sites.config(site).decisionField(), decisionId.toString()), Filter.ne("docstatus", 2))
                .limit(0, 1);
        return sites.client(site).list(query)
                .flatMap(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(Optional.<ObjectNode>empty())
                        : get(site, rows.get(0).path("name").asText()).map(Optional::of))
                .onFailure(FrappeException.class).recoverWithItem(failure -> {
                    LOG.warnf("Site %s cannot be searched by its decision field: %s", site, failure.getMessage());
                    return Optional.empty();
                });
    }

    public Uni<ObjectNode> get(String site, String name) {
        return sites.client(site).get(DOCTYPE, name);
    }

    public Uni<ObjectNode> submit(String site, String name) {
        return sites.client(site).submit(DOCTYPE, name);
    }

    /** Writes a note on the order, in the site's hold-note field, for whoever opens it on the site. */
    public Uni<ObjectNode> note(String site, String name, String note) {
        return sites.client(site).update(DOCTYPE, name, json.createObjectNode().put(sites.config(site).holdNoteField(),
                note));
    }

    /** Undoes an order that must not stand: a draft is deleted, a submitted order cancelled. */
    public Uni<Void> withdraw(String site, String name) {
        return get(site, name).flatMap(order -> switch (order.path("docstatus").asInt()) {
            case 0 -> sites.client(site).delete(DOCTYPE, name);
            case 1 -> sites.client(site).cancel(DOCTYPE, name).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        });
    }
}

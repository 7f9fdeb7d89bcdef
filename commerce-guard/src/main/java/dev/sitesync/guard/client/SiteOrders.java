package dev.sitesync.guard.client;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.guard.domain.SalesOrder;

/** Sales Orders on a site, through the guard's own API user. */
@Singleton
public class SiteOrders {

    public static final String DOCTYPE = "Sales Order";

    private final SiteDirectory sites;
    private final ObjectMapper json;

    public SiteOrders(SiteDirectory sites, ObjectMapper json) {
        this.sites = sites;
        this.json = json;
    }

    /**
     * Inserts the order as a draft: the guard submits only once a payment is confirmed. A held order carries its note
     * in the site's hold-note custom field, so whoever opens it on the site sees why it waits.
     */
    public Uni<ObjectNode> insertDraft(String site, SalesOrder order, String holdNote) {
        ObjectNode document = json.valueToTree(order);
        document.put("doctype", DOCTYPE);
        document.remove("docstatus");
        if (holdNote != null) {
            document.put(sites.config(site).holdNoteField(), holdNote);
        }
        return sites.client(site).insert(DOCTYPE, document);
    }

    public Uni<ObjectNode> get(String site, String name) {
        return sites.client(site).get(DOCTYPE, name);
    }

    public Uni<ObjectNode> submit(String site, String name) {
        return sites.client(site).submit(DOCTYPE, name);
    }
}

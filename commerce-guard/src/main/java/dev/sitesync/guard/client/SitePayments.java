package dev.sitesync.guard.client;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.guard.config.SiteConfig;

/**
 * Payment Entries on a site. The entry's {@code reference_no} is the provider and its transaction ID
 * ({@code acme-pay:txn_123}), unique per provider, and the entry names its party: a retried posting finds the entry an
 * earlier, interrupted attempt made for that transaction and customer instead of posting a second one. ERPNext keeps
 * no unique index on {@code reference_no}, so the lookup is the guarantee; the callbacks make sure it runs only after
 * a write that timed out could have committed.
 */
@Singleton
public class SitePayments {

    public static final String DOCTYPE = "Payment Entry";

    /** What to post: a payment received from the customer of a Sales Order, against that order. */
    public record Receipt(String company, String customer, String salesOrder, BigDecimal amount, String currency,
            String provider, String transactionId, String modeOfPayment, String remarks, LocalDate postingDate) {

        /** The entry's {@code reference_no}: the transaction ID is the provider's, so the provider names it. */
        String referenceNo() {
            return provider + ":" + transactionId;
        }
    }

    private final SiteDirectory sites;
    private final ObjectMapper json;

    public SitePayments(SiteDirectory sites, ObjectMapper json) {
        this.sites = sites;
        this.json = json;
    }

    /**
     * The submitted entry for this receipt's transaction: the one already on the site (submitting it if an interrupted
     * attempt left it a draft), or a new one. Answers its name.
     */
    public Uni<String> postOnce(String site, Receipt receipt) {
        return find(site, receipt).flatMap(found -> {
            if (found.isEmpty()) {
                return post(site, receipt);
            }
            String name = found.get().path("name").asText();
            return found.get().path("docstatus").asInt() == 1
                    ? Uni.createFrom().item(name)
                    : sites.client(site).submit(DOCTYPE, name).replaceWith(name);
        });
    }

    /** The entry (not cancelled) already on the site for this receipt's transaction and customer, if there is one. */
    public Uni<Optional<ObjectNode>> find(String site, Receipt receipt) {
        ListQuery query = ListQuery.of(DOCTYPE).fields("name", "docstatus")
                .where(Filter.eq("reference_no", receipt.referenceNo()), Filter.eq("party_type", "Customer"),
                        Filter.eq("party", receipt.customer()), Filter.eq("payment_type", "Receive"),
                        Filter.ne("docstatus", 2))
                .limit(0, 1);
        return sites.client(site).list(query).map(rows -> rows.stream().findFirst());
    }

    private Uni<String> post(String site, Receipt receipt) {
        SiteConfig config = sites.config(site);
        ObjectNode entry = json.createObjectNode()
                .put("doctype", DOCTYPE)
                .put("payment_type", "Receive")
                .put("company", receipt.company())
                .put("posting_date", receipt.postingDate().toString())
                .put("party_type", "Customer")
                .put("party", receipt.customer())
                .put("paid_amount", receipt.amount())
                .put("received_amount", receipt.amount())
                .put("paid_to_account_currency", receipt.currency())
                .put("reference_no", receipt.referenceNo())
                .put("reference_date", receipt.postingDate().toString())
                .put("remarks", receipt.remarks());
        config.paymentAccount().ifPresent(account -> entry.put("paid_to", account));
        if (receipt.modeOfPayment() != null) {
            entry.put("mode_of_payment", receipt.modeOfPayment());
        }
        entry.putArray("references").addObject()
                .put("reference_doctype", SiteOrders.DOCTYPE)
                .put("reference_name", receipt.salesOrder())
                .put("allocated_amount", receipt.amount());
        return sites.client(site).insert(DOCTYPE, entry)
                .flatMap(inserted -> sites.client(site).submit(DOCTYPE, inserted.path("name").asText()))
                .map(submitted -> submitted.path("name").asText());
    }
}

package dev.sitesync.worker.readiness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.worker.domain.ReadinessReport.Check;
import dev.sitesync.worker.domain.SyncPolicy;

/**
 * Whether the sync user holds what synchronization needs and no more, tried rather than read from its roles (a
 * user may not read its own roles): it reads every doctype it synchronizes, and no accounting ledger.
 */
@ApplicationScoped
public class SyncUserScope {

    /**
     * The accounting ledgers (ARCHITECTURE §3, class NEVER): a sync user that can read them holds an accounting role,
     * more than synchronization needs. Invoices, the stock ledger and Bin are not listed: on ERPNext the selling and
     * stock roles that reading Sales Orders and Items needs read them too.
     */
    static final Set<String> LEDGERS = Set.of("GL Entry", "Payment Ledger Entry", "Journal Entry", "Payment Entry");

    private final FrappeClient site;

    public SyncUserScope(FrappeClient site) {
        this.site = site;
    }

    Uni<Check> check(SyncPolicy policy) {
        String name = "sync-user";
        Set<String> needed = new LinkedHashSet<>(policy.masters());
        needed.addAll(policy.referenceOnly());
        Set<String> ledgers = new LinkedHashSet<>(LEDGERS);
        ledgers.addAll(policy.neverSynced());
        ledgers.removeAll(needed);
        return site.loggedUser().flatMap(user -> canRead(needed).flatMap(readable -> canRead(ledgers).map(leaks -> {
            List<String> problems = new ArrayList<>();
            if ("Administrator".equals(user) || "Guest".equals(user)) {
                problems.add("the worker logs in as " + user);
            }
            Set<String> unreadable = new LinkedHashSet<>(needed);
            unreadable.removeAll(readable);
            if (!unreadable.isEmpty()) {
                problems.add(user + " cannot read " + String.join(", ", unreadable) + ", which it synchronizes");
            }
            if (!leaks.isEmpty()) {
                problems.add(user + " can read " + String.join(", ", leaks) + ", which SiteSync never touches");
            }
            return problems.isEmpty()
                    ? Check.ok(name, user + " reads the " + needed.size() + " doctypes it synchronizes and none of "
                            + String.join(", ", ledgers))
                    : Check.notOk(name, String.join("; ", problems), "Give the worker a user of its own holding "
                            + "only the roles of the synchronized doctypes (no accounting role)");
        }))).onFailure().recoverWithItem(e -> Check.unreadable(name, e));
    }

    /** The doctypes of the set the sync user may read: a refusal (or a doctype the site lacks) is a no. */
    private Uni<Set<String>> canRead(Set<String> doctypes) {
        Set<String> readable = new LinkedHashSet<>();
        return Multi.createFrom().iterable(doctypes)
                .onItem().transformToUniAndConcatenate(doctype -> site.list(ListQuery.of(doctype).fields("name")
                        .limit(0, 1)).invoke(rows -> readable.add(doctype)).replaceWithVoid()
                        .onFailure(e -> e instanceof FrappeException f && (f.kind() == FrappeErrorKind.PERMISSION
                                || f.kind() == FrappeErrorKind.NOT_FOUND))
                        .recoverWithNull())
                .collect().asList().replaceWith(readable);
    }
}

package dev.sitesync.identity.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.sitesync.contracts.identity.ReferenceRequest;
import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.identity.domain.DocumentKey;

/**
 * Registers REFERENCE_ONLY documents. The document gets an external ID like any other; its state is upserted, and an
 * older {@code modified} than the one stored never rolls the reference back.
 */
@ApplicationScoped
public class ReferenceStore {

    private static final String UPSERT = """
            insert into doc_reference (site, doctype, name, external_id, status, docstatus, grand_total, currency, modified)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            on conflict (site, doctype, name) do update
               set status = excluded.status, docstatus = excluded.docstatus, grand_total = excluded.grand_total,
                   currency = excluded.currency, modified = excluded.modified, updated_at = now()
             where doc_reference.modified <= excluded.modified
            returning (xmax = 0) as inserted""";

    private final Pool pool;
    private final IdentityStore identities;

    public ReferenceStore(Pool pool, IdentityStore identities) {
        this.pool = pool;
        this.identities = identities;
    }

    /** The reference's external ID and whether this call created the reference. */
    public record Upserted(UUID externalId, boolean created) {
    }

    public Uni<Upserted> upsert(DocumentKey key, ReferenceRequest state) {
        return pool.withTransaction(connection -> identities.resolve(connection, List.of(key), true)
                .flatMap(resolved -> connection.preparedQuery(UPSERT).execute(Tuple.from(new Object[]{
                        key.site(), key.doctype(), key.localName(), resolved.get(key).externalId(), state.status(),
                        toShort(state.docstatus()), state.grandTotal(), state.currency(),
                        FrappeDateTimes.parse(state.modified())}))
                        .map(rows -> new Upserted(resolved.get(key).externalId(),
                                rows.size() == 1 && rows.iterator().next().getBoolean("inserted")))))
                .onFailure(IdentityStore::isTransient).retry().atMost(3);
    }

    private static Short toShort(Integer value) {
        return value == null ? null : value.shortValue();
    }
}

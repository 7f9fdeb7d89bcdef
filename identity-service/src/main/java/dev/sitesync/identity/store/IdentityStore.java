package dev.sitesync.identity.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

import dev.sitesync.contracts.identity.LinkBatch;
import dev.sitesync.identity.domain.DocumentKey;
import dev.sitesync.identity.domain.ExternalIds;
import dev.sitesync.identity.domain.LinkConflict;
import dev.sitesync.identity.domain.LinkOutcome;
import dev.sitesync.identity.domain.Resolution;

/**
 * The write path of identities and links, in explicit SQL. Assignment never reads before it writes: the link's unique
 * key (site, doctype, local_name) decides which of several concurrent callers creates the identity, and the others
 * read the winner's ID.
 */
@ApplicationScoped
public class IdentityStore {

    // Links first, so a lost race inserts nothing at all (the identity row is made only for links that went in).
    private static final String ASSIGN = """
            with input (external_id, site, doctype, local_name) as (
                select * from unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[])
            ), linked as (
                insert into identity_link (external_id, site, doctype, local_name)
                select external_id, site, doctype, local_name from input order by site, doctype, local_name
                on conflict do nothing
                returning external_id, site, doctype, local_name
            ), created as (
                insert into identity (external_id, doctype, origin_site, origin_name)
                select external_id, doctype, site, local_name from linked
            )
            select external_id, site, doctype, local_name from linked""";

    private static final String LOOKUP = """
            select l.external_id, l.site, l.doctype, l.local_name
            from identity_link l
            join unnest($1::varchar[], $2::varchar[], $3::varchar[]) as k (site, doctype, local_name)
              using (site, doctype, local_name)""";

    /*
     * Distinct rows, as identical items make one link. A row that no other row of the batch competes with (for its
     * external ID's site, or for its name) goes in key order, as in ASSIGN, so concurrent batches lock alike; rows that
     * compete go after them in request order, so the first asked wins as if the items were linked one by one. On
     * conflict, with existing links or with rows of the same statement, a row is skipped and explained afterwards.
     */
    private static final String LINK_ALL = """
            with input as (
                select i.ord, i.external_id, i.site, d.doctype, i.local_name
                from unnest($1::uuid[], $2::varchar[], $3::varchar[])
                     with ordinality as i (external_id, site, local_name, ord)
                join identity d on d.external_id = i.external_id
            ), candidate as (
                select external_id, site, doctype, local_name, min(ord) as ord
                from input group by external_id, site, doctype, local_name
            ), ranked as (
                select *, count(*) over same_id > 1 or count(*) over same_name > 1 as contested
                from candidate
                window same_id as (partition by external_id, site),
                       same_name as (partition by site, doctype, local_name)
            )
            insert into identity_link (external_id, site, doctype, local_name)
            select external_id, site, doctype, local_name from ranked
            order by case when contested then ord end nulls first, site, doctype, local_name
            on conflict do nothing
            returning external_id, site, local_name, doctype""";

    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";

    private final Pool pool;

    public IdentityStore(Pool pool) {
        this.pool = pool;
    }

    /** External IDs of the given documents; with {@code assign}, new ones for documents seen for the first time. */
    public Uni<Map<DocumentKey, Resolution>> resolve(Collection<DocumentKey> keys, boolean assign) {
        List<DocumentKey> sorted = keys.stream().distinct().sorted().toList();
        return pool.withTransaction(connection -> resolve(connection, sorted, assign))
                .onFailure(IdentityStore::isTransient).retry().atMost(3);
    }

    /** As {@link #resolve(Collection, boolean)}, inside the caller's transaction; keys distinct and sorted. */
    Uni<Map<DocumentKey, Resolution>> resolve(SqlConnection connection, List<DocumentKey> sorted, boolean assign) {
        Uni<Map<DocumentKey, Resolution>> created = assign ? assign(connection, sorted) : Uni.createFrom().item(Map.of());
        return created.flatMap(made -> {
            List<DocumentKey> rest = sorted.stream().filter(key -> !made.containsKey(key)).toList();
            return lookup(connection, rest).map(found -> {
                Map<DocumentKey, Resolution> all = new HashMap<>(found);
                all.putAll(made);
                return all;
            });
        });
    }

    /** Links an existing external ID to its document's name on a site; identical relinks are no-ops. */
    public Uni<LinkOutcome> link(UUID externalId, String site, String localName) {
        return linkAll(List.of(new LinkBatch.Item(externalId, site, localName))).map(outcomes -> outcomes.get(0));
    }

    /**
     * Links many items in one transaction, new links in one statement; answers in the items' order, each as
     * {@link #link} would have, had the items been linked one after the other.
     */
    public Uni<List<LinkOutcome>> linkAll(List<LinkBatch.Item> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.withTransaction(connection -> connection.preparedQuery(LINK_ALL)
                .execute(Tuple.of(items.stream().map(LinkBatch.Item::externalId).toArray(UUID[]::new),
                        items.stream().map(LinkBatch.Item::site).toArray(String[]::new),
                        items.stream().map(LinkBatch.Item::localName).toArray(String[]::new)))
                .flatMap(rows -> {
                    Map<LinkBatch.Item, String> inserted = new HashMap<>();
                    for (Row row : rows) {
                        inserted.put(new LinkBatch.Item(row.getUUID("external_id"), row.getString("site"),
                                row.getString("local_name")), row.getString("doctype"));
                    }
                    // the first item asking for an inserted link made it; any other is explained by what is there now
                    return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(item -> {
                        String doctype = inserted.remove(item);
                        return doctype != null
                                ? Uni.createFrom().<LinkOutcome>item(new LinkOutcome.Linked(doctype, true))
                                : explainRefusedLink(connection, item.externalId(), item.site(), item.localName());
                    }).collect().asList();
                }))
                .onFailure(IdentityStore::isTransient).retry().atMost(3);
    }

    private Uni<LinkOutcome> explainRefusedLink(SqlConnection connection, UUID externalId, String site, String localName) {
        return connection.preparedQuery("""
                select i.doctype,
                       (select local_name from identity_link where external_id = i.external_id and site = $2) as name_on_site,
                       (select external_id from identity_link
                         where site = $2 and doctype = i.doctype and local_name = $3) as holder
                from identity i where i.external_id = $1""")
                .execute(Tuple.of(externalId, site, localName))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new LinkOutcome.UnknownIdentity();
                    }
                    Row row = rows.iterator().next();
                    String nameOnSite = row.getString("name_on_site");
                    UUID holder = row.getUUID("holder");
                    if (localName.equals(nameOnSite) && externalId.equals(holder)) {
                        return new LinkOutcome.Linked(row.getString("doctype"), false);
                    }
                    return new LinkOutcome.Conflicted(new LinkConflict(externalId, site, localName, nameOnSite,
                            externalId.equals(holder) ? null : holder));
                });
    }

    private Uni<Map<DocumentKey, Resolution>> assign(SqlConnection connection, List<DocumentKey> keys) {
        UUID[] ids = new UUID[keys.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ExternalIds.next();
        }
        return connection.preparedQuery(ASSIGN)
                .execute(Tuple.of(ids, sites(keys), doctypes(keys), names(keys)))
                .map(rows -> toMap(rows, true));
    }

    private Uni<Map<DocumentKey, Resolution>> lookup(SqlConnection connection, List<DocumentKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery(LOOKUP)
                .execute(Tuple.of(sites(keys), doctypes(keys), names(keys)))
                .map(rows -> toMap(rows, false));
    }

    private static Map<DocumentKey, Resolution> toMap(RowSet<Row> rows, boolean created) {
        Map<DocumentKey, Resolution> map = new HashMap<>();
        for (Row row : rows) {
            map.put(new DocumentKey(row.getString("site"), row.getString("doctype"), row.getString("local_name")),
                    new Resolution(row.getUUID("external_id"), created));
        }
        return map;
    }

    private static String[] sites(List<DocumentKey> keys) {
        return keys.stream().map(DocumentKey::site).toArray(String[]::new);
    }

    private static String[] doctypes(List<DocumentKey> keys) {
        return keys.stream().map(DocumentKey::doctype).toArray(String[]::new);
    }

    private static String[] names(List<DocumentKey> keys) {
        return keys.stream().map(DocumentKey::localName).toArray(String[]::new);
    }

    static boolean isTransient(Throwable failure) {
        return failure instanceof PgException pg
                && (DEADLOCK.equals(pg.getSqlState()) || SERIALIZATION_FAILURE.equals(pg.getSqlState()));
    }
}

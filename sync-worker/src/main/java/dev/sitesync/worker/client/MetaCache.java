package dev.sitesync.worker.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.DocMeta;

/**
 * DocType metadata of this worker's site, read again once it is older than its maximum age: a Link field added on the
 * site after start is a dependency from then on. A write the site refuses in a way that suggests the schema moved
 * (an unknown field or link) should {@link #invalidate(String)} the doctype, so the next use reads it again.
 */
@ApplicationScoped
public class MetaCache {

    private record Cached(DocMeta meta, Instant readAt) {
    }

    private final FrappeClient site;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Cached> metas = new ConcurrentHashMap<>();

    @Inject
    public MetaCache(FrappeClient site, WorkerConfig config) {
        this(site, config.frappe().metaMaxAge(), Clock.systemUTC());
    }

    /** A cache on its own clock (the application's uses the system clock). */
    public MetaCache(FrappeClient site, Duration maxAge, Clock clock) {
        this.site = site;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public Uni<DocMeta> of(String doctype) {
        Cached cached = metas.get(doctype);
        if (cached != null && cached.readAt().plus(maxAge).isAfter(clock.instant())) {
            return Uni.createFrom().item(cached.meta());
        }
        return site.meta(doctype).map(meta -> remember(DocMeta.from(doctype, meta)));
    }

    /** Forgets what is known of the doctype and its child tables: the next use reads them from the site again. */
    public void invalidate(String doctype) {
        Cached forgotten = metas.remove(doctype);
        if (forgotten != null) {
            forgotten.meta().tables().values().forEach(metas::remove);
        }
    }

    private DocMeta remember(DocMeta meta) {
        metas.put(meta.doctype(), new Cached(meta, clock.instant()));
        return meta;
    }

    /**
     * A child table's metadata. A site may refuse it to a user who can read only the parent; then the table's Link
     * values travel as they are, untranslated, which is right for shared names like UOMs.
     */
    private Uni<DocMeta> childOf(String doctype) {
        return of(doctype).onFailure(e -> e instanceof FrappeException f && f.kind() == FrappeErrorKind.PERMISSION)
                .recoverWithItem(() -> remember(new DocMeta(doctype, Map.of(), Map.of(), false, false)));
    }

    /** The metadata of the doctype's child tables, by child doctype. */
    public Uni<Map<String, DocMeta>> childrenOf(DocMeta parent) {
        if (parent.tables().isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(parent.tables().values()).onItem().transformToUniAndConcatenate(this::childOf)
                .collect().asList()
                .map(children -> {
                    Map<String, DocMeta> byDoctype = new HashMap<>();
                    children.forEach(child -> byDoctype.put(child.doctype(), child));
                    return byDoctype;
                });
    }
}

package dev.sitesync.worker.client;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.worker.domain.DocMeta;

/** DocType metadata of this worker's site, read once per doctype (schema drift is checked at onboarding). */
@ApplicationScoped
public class MetaCache {

    private final FrappeClient site;
    private final Map<String, DocMeta> metas = new ConcurrentHashMap<>();

    public MetaCache(FrappeClient site) {
        this.site = site;
    }

    public Uni<DocMeta> of(String doctype) {
        DocMeta cached = metas.get(doctype);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return site.meta(doctype).map(meta -> {
            DocMeta read = DocMeta.from(doctype, meta);
            metas.put(doctype, read);
            return read;
        });
    }

    /** Forgets a doctype's metadata, read again at its next use: the site's schema may have changed. */
    public void invalidate(String doctype) {
        metas.remove(doctype);
    }

    /**
     * A child table's metadata. A site may refuse it to a user who can read only the parent; then the table's Link
     * values travel as they are, untranslated, which is right for shared names like UOMs.
     */
    private Uni<DocMeta> childOf(String doctype) {
        return of(doctype).onFailure(e -> e instanceof FrappeException f && f.kind() == FrappeErrorKind.PERMISSION)
                .recoverWithItem(() -> {
                    DocMeta unreadable = new DocMeta(doctype, Map.of(), Map.of(), false, false);
                    metas.put(doctype, unreadable);
                    return unreadable;
                });
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

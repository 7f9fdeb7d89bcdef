package dev.sitesync.worker.target;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.worker.client.MetaCache;
import dev.sitesync.worker.client.SyncUser;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.ApplyFailurePolicy;
import dev.sitesync.worker.domain.PayloadMatch;
import dev.sitesync.worker.store.ApplyQueue.LeasedDocument;
import dev.sitesync.worker.tracing.SyncTraces;

/**
 * Writes one document to the site through its REST API, so ERPNext validates it: inserts it, or updates the copy the
 * site has, never overwriting someone else's edit. A write whose answer was lost (a timeout, a crash, a dropped
 * connection after the commit) is recognised when it is retried: the site's copy was last written by our sync user,
 * so it is ours, not a conflict; and the external ID field is unique, so a second insert cannot happen.
 */
@ApplicationScoped
public class DocumentWriter {

    public static final String EXTERNAL_ID_FIELD = "sitesync_external_id";

    private final FrappeClient site;
    private final SyncUser syncUser;
    private final MetaCache metas;
    private final SiteWriteLimiter limiter;
    private final SyncTraces tracing;
    private final WorkerConfig config;

    public DocumentWriter(FrappeClient site, SyncUser syncUser, MetaCache metas, SiteWriteLimiter limiter,
            SyncTraces tracing, WorkerConfig config) {
        this.site = site;
        this.syncUser = syncUser;
        this.metas = metas;
        this.limiter = limiter;
        this.tracing = tracing;
        this.config = config;
    }

    /** Where the document is now on the site. */
    public record Written(String name, String modified) {
    }

    /** Inserts the document or updates this site's copy; {@code payload} has this site's link names. */
    public Uni<Written> upsert(LeasedDocument document, ChangeEnvelope envelope, ObjectNode payload, String trace) {
        payload.put(EXTERNAL_ID_FIELD, envelope.externalId().toString());
        return existingName(document, envelope).flatMap(existing -> limiter.permit().flatMap(x -> {
            if (existing.isEmpty()) {
                return traced(trace, envelope, "insert", insertOrAdopt(envelope, payload));
            }
            ObjectNode update = withoutLocalFields(envelope, payload);
            boolean locked = document.writtenModified() != null && existing.get().equals(document.localName());
            return traced(trace, envelope, "update", locked
                    ? updateUnlessEdited(envelope, existing.get(), update, document.writtenModified())
                    : site.update(envelope.doctype(), existing.get(), update));
        })).map(written -> new Written(written.path("name").asText(), written.path("modified").asText()));
    }

    /** Disables this site's copy (a delete on the owner is never a hard delete here); empty when it has none. */
    public Uni<Optional<Written>> disable(LeasedDocument document, ChangeEnvelope envelope, String trace) {
        return existingName(document, envelope).flatMap(existing -> {
            if (existing.isEmpty()) {
                return Uni.createFrom().item(Optional.empty());
            }
            return metas.of(envelope.doctype()).flatMap(meta -> {
                ObjectNode off = JsonNodeFactory.instance.objectNode();
                if (meta.hasDisabled()) {
                    off.put("disabled", 1);
                } else if (meta.hasEnabled()) {
                    off.put("enabled", 0);
                } else {
                    throw new ApplyRefusal(ApplyFailurePolicy.Cause.SITE_REFUSED, envelope.doctype()
                            + " has neither 'disabled' nor 'enabled'; deletes are never applied as hard deletes, so "
                            + "disable or remove '" + existing.get() + "' by hand");
                }
                return limiter.permit().flatMap(x -> traced(trace, envelope, "disable",
                        site.update(envelope.doctype(), existing.get(), off)))
                        .map(written -> Optional.of(new Written(existing.get(), written.path("modified").asText())));
            });
        });
    }

    /**
     * An update locked on the {@code modified} of our last write. When the site says the document changed since, it
     * is read: last written by our sync user means our own write whose answer was lost, so the update goes on from
     * there (or is done already); anyone else's edit is never overwritten.
     */
    private Uni<ObjectNode> updateUnlessEdited(ChangeEnvelope envelope, String name, ObjectNode update,
            String writtenModified) {
        return site.updateIfUnchanged(envelope.doctype(), name, update, writtenModified)
                .onFailure(e -> kind(e) == FrappeErrorKind.TIMESTAMP_MISMATCH)
                .recoverWithUni(mismatch -> site.get(envelope.doctype(), name).flatMap(current -> syncUser.name()
                        .flatMap(user -> {
                            if (!user.equals(current.path("modified_by").asText())) {
                                throw new ConcurrentEdit(current, update, "'" + name + "' was changed on "
                                        + config.site() + " by " + current.path("modified_by").asText("someone")
                                        + " at " + current.path("modified").asText() + " since SiteSync last wrote it");
                            }
                            if (PayloadMatch.holds(current, update)) {
                                return Uni.createFrom().item(current);
                            }
                            return site.updateIfUnchanged(envelope.doctype(), name, update,
                                    current.path("modified").asText());
                        })));
    }

    /**
     * Inserts the document. A duplicate is either our own earlier insert whose answer was lost (found by its external
     * ID, and updated), or a master the site had before onboarding under the source's name that SiteSync never
     * claimed (adopted by updating it); one claimed by another external ID is refused, never overwritten.
     */
    private Uni<ObjectNode> insertOrAdopt(ChangeEnvelope envelope, ObjectNode payload) {
        return site.insert(envelope.doctype(), payload).onFailure(DocumentWriter::duplicate)
                .recoverWithUni(duplicate -> namesWithExternalId(envelope).flatMap(ours -> {
                    ObjectNode update = withoutLocalFields(envelope, payload);
                    if (ours.size() == 1) {
                        return site.update(envelope.doctype(), ours.get(0), update);
                    }
                    if (kind(duplicate) != FrappeErrorKind.DUPLICATE) {
                        return Uni.createFrom().failure(duplicate);
                    }
                    return site.get(envelope.doctype(), envelope.sourceName()).flatMap(existing -> {
                        String claimedBy = existing.path(EXTERNAL_ID_FIELD).asText("");
                        if (!claimedBy.isEmpty() && !claimedBy.equals(envelope.externalId().toString())) {
                            return Uni.createFrom().failure(duplicate);
                        }
                        return site.update(envelope.doctype(), envelope.sourceName(), update);
                    });
                }));
    }

    /**
     * The document's name on this site: known from our last write, or found by its external ID after a crash. On the
     * document's first lease nothing of ours can be there yet, so the request is saved: an insert it would have found
     * fails on the unique external ID field and is recognised then.
     */
    private Uni<Optional<String>> existingName(LeasedDocument document, ChangeEnvelope envelope) {
        if (document.localName() != null) {
            return Uni.createFrom().item(Optional.of(document.localName()));
        }
        if (document.firstLease()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return namesWithExternalId(envelope).map(names -> {
            if (names.size() > 1) {
                throw new ApplyRefusal(ApplyFailurePolicy.Cause.EXTERNAL_ID_DUPLICATED, envelope.doctype() + " "
                        + String.join(" and ", names) + " on " + config.site() + " both carry external ID "
                        + envelope.externalId() + " (a copy of a synchronized document?); keep one, clear the other's "
                        + EXTERNAL_ID_FIELD + ", then retry");
            }
            return names.stream().findFirst();
        });
    }

    private Uni<List<String>> namesWithExternalId(ChangeEnvelope envelope) {
        return site.list(ListQuery.of(envelope.doctype()).fields("name")
                .where(Filter.eq(EXTERNAL_ID_FIELD, envelope.externalId().toString())).limit(0, 2))
                .map(rows -> rows.stream().map(row -> row.path("name").asText()).toList());
    }

    private static ObjectNode withoutLocalFields(ChangeEnvelope envelope, ObjectNode payload) {
        ObjectNode update = payload.deepCopy();
        if (envelope.localFields() != null) {
            update.remove(envelope.localFields());
        }
        return update;
    }

    /** A write to the site, as a client span of the apply. */
    private Uni<ObjectNode> traced(String trace, ChangeEnvelope envelope, String operation, Uni<ObjectNode> call) {
        Span span = tracing.start("write", SpanKind.CLIENT, trace).setAttribute(SyncTraces.SITE, config.site())
                .setAttribute(SyncTraces.DOCTYPE, envelope.doctype()).setAttribute("sitesync.operation", operation);
        return SyncTraces.endWith(span, call);
    }

    /**
     * A document of that name exists (Frappe's DuplicateEntryError), or a unique field's value is taken (its
     * UniqueValidationError, which the unique external ID field raises when our own earlier insert went through).
     */
    private static boolean duplicate(Throwable failure) {
        return kind(failure) == FrappeErrorKind.DUPLICATE || failure instanceof FrappeException frappe
                && frappe.excType().filter("UniqueValidationError"::equals).isPresent();
    }

    private static FrappeErrorKind kind(Throwable failure) {
        return failure instanceof FrappeException frappe ? frappe.kind() : null;
    }
}

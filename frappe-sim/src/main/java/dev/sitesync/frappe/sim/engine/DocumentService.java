package dev.sitesync.frappe.sim.engine;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.meta.DocField;
import dev.sitesync.frappe.sim.meta.DocTypeMeta;
import dev.sitesync.frappe.sim.meta.MetaRegistry;
import dev.sitesync.frappe.sim.meta.PermissionType;
import dev.sitesync.frappe.sim.store.SiteTx;
import dev.sitesync.frappe.sim.store.StoredDocument;
import dev.sitesync.frappe.sim.store.Transactions;
import dev.sitesync.frappe.sim.store.UniqueIndexes;
import dev.sitesync.frappe.sim.store.UniqueViolation;

/**
 * Frappe's document lifecycle ({@code frappe/model/document.py}) over the generic store: insert, save with optimistic
 * locking and child-table replacement, docstatus transitions, delete with {@code Deleted Document}, each in one
 * transaction, with doc events published after commit.
 */
@ApplicationScoped
public class DocumentService {

    private final MetaRegistry metas;
    private final Transactions transactions;
    private final SiteClocks clocks;
    private final Event<DocumentChanged> changes;
    private final WriteFaults faults;
    private final ObjectMapper mapper;

    public DocumentService(MetaRegistry metas, Transactions transactions, SiteClocks clocks,
            Event<DocumentChanged> changes, WriteFaults faults, ObjectMapper mapper) {
        this.metas = metas;
        this.transactions = transactions;
        this.clocks = clocks;
        this.changes = changes;
        this.faults = faults;
        this.mapper = mapper;
    }

    public DocTypeMeta meta(Caller caller, String doctype) {
        return metas.find(caller.site(), doctype).orElseThrow(() -> FrappeError.doctypeNotFound(doctype));
    }

    public ObjectNode get(Caller caller, String doctype, String name) {
        DocTypeMeta meta = meta(caller, doctype);
        Permissions.check(caller, meta, PermissionType.READ);
        StoredDocument stored = transactions.inSite(caller.site(), tx -> tx.load(doctype, name, false))
                .orElseThrow(() -> FrappeError.notFound(doctype, name));
        return DocumentCodec.present(meta, stored.data());
    }

    /** {@code new_doc(**body).insert()}; the body's {@code name} counts only if {@code honourName} (v2, prompt). */
    public ObjectNode insert(Caller caller, String doctype, ObjectNode body, boolean honourName) {
        DocTypeMeta meta = meta(caller, doctype);
        Permissions.check(caller, meta, PermissionType.CREATE);
        int docstatus = body.path("docstatus").asInt(0);
        if (docstatus == 1) {
            Permissions.check(caller, meta, PermissionType.SUBMIT);
        }
        return write(caller, meta, WriteKind.INSERT, tx -> {
            LocalDateTime now = clocks.now(caller.site());
            Write write = new Write(tx, caller, meta, now);
            ObjectNode doc = write.fields(body, DocumentCodec.object(), true);
            if (docstatus != 0 && (!meta.submittable() || docstatus != 1)) {
                throw FrappeError.validation("DocstatusTransitionError",
                        "Cannot change docstatus from 0 to " + docstatus);
            }
            doc.put("docstatus", docstatus);
            write.tables(body, doc, Map.of());
            write.hooks.beforeValidate(meta, doc);
            write.validation.validate(meta, write.canonicalTree(doc));
            String name = meta.issingle()
                    ? meta.name()
                    : honourName && !DocumentCodec.text(body, "name").isBlank()
                            ? DocumentCodec.text(body, "name").trim()
                            : write.hooks.name(meta, doc)
                                    .orElseGet(() -> Naming.newName(tx, meta, body, now.toLocalDate()));
            doc.put("name", name).put("owner", caller.user()).put("creation", Timestamps.format(now)).put("idx", 0);
            write.stamp(doc);
            List<String> events = new ArrayList<>(List.of("after_insert", "on_update"));
            if (docstatus == 1) {
                write.hooks.onSubmit(meta, doc);
                events.add("on_submit");
            }
            events.add("on_change");
            ObjectNode canonical = write.canonicalTree(doc);
            write.hooks.beforeCommit(meta, canonical);
            if (!write.insert(name, docstatus, canonical)) {
                throw FrappeError.duplicate(meta.name(), name);
            }
            return new Written(canonical, events);
        });
    }

    /** {@code get_doc(for_update=True)}, {@code doc.update(body)}, {@code doc.save()}. */
    public ObjectNode update(Caller caller, String doctype, String name, ObjectNode body) {
        DocTypeMeta meta = meta(caller, doctype);
        return write(caller, meta, WriteKind.UPDATE, tx -> {
            StoredDocument stored = tx.load(meta.name(), name, true)
                    .orElseThrow(() -> FrappeError.notFound(meta.name(), name));
            int from = stored.docstatus();
            int to = body.has("docstatus") ? body.path("docstatus").asInt() : from;
            String action = Transitions.action(meta, from, to);
            Permissions.check(caller, meta, Transitions.permission(action));
            if (body.hasNonNull("modified") && !body.path("modified").asText().equals(stored.modified())) {
                throw FrappeError.validation("TimestampMismatchError", "Error: Document has been modified after you"
                        + " have opened it (" + stored.modified() + ", " + body.path("modified").asText()
                        + "). Please refresh to get the latest document.");
            }
            LocalDateTime now = clocks.now(caller.site());
            Write write = new Write(tx, caller, meta, now);
            ObjectNode old = stored.data();
            ObjectNode doc = write.fields(body, old.deepCopy(), false);
            doc.put("docstatus", to);
            write.tables(body, doc, existingRows(meta, old));
            if (!Transitions.CANCEL.equals(action)) {
                write.hooks.beforeValidate(meta, doc);
            }
            if (Transitions.UPDATE_AFTER_SUBMIT.equals(action)) {
                Transitions.checkAllowedOnSubmit(meta, metas, caller.site(), old, write.canonicalTree(doc));
            }
            if (!Transitions.CANCEL.equals(action)) {
                write.validation.validate(meta, write.canonicalTree(doc));
            }
            write.stamp(doc);
            List<String> events = new ArrayList<>();
            switch (action) {
                case Transitions.SUBMIT -> {
                    write.hooks.onSubmit(meta, doc);
                    events.addAll(List.of("on_update", "on_submit"));
                }
                case Transitions.CANCEL -> {
                    BackLinks.refuseIfLinked(tx, metas, caller.site(), meta.name(), name, true);
                    write.hooks.onCancel(meta, doc);
                    events.add("on_cancel");
                }
                case Transitions.UPDATE_AFTER_SUBMIT -> events.add("on_update_after_submit");
                default -> events.add("on_update");
            }
            events.add("on_change");
            ObjectNode canonical = write.canonicalTree(doc);
            write.hooks.beforeCommit(meta, canonical);
            write.update(name, to, canonical);
            return new Written(canonical, events);
        });
    }

    /** {@code frappe.delete_doc}: refused for submitted or linked documents; leaves a {@code Deleted Document}. */
    public void delete(Caller caller, String doctype, String name) {
        DocTypeMeta meta = meta(caller, doctype);
        Permissions.check(caller, meta, PermissionType.DELETE);
        write(caller, meta, WriteKind.DELETE, tx -> {
            StoredDocument stored = tx.load(meta.name(), name, true)
                    .orElseThrow(() -> FrappeError.notFound(meta.name(), name));
            if (stored.docstatus() == 1) {
                throw FrappeError.validation(meta.name() + " " + name
                        + ": Submitted Record cannot be deleted. You must Cancel it first.");
            }
            BackLinks.refuseIfLinked(tx, metas, caller.site(), meta.name(), name, false);
            tx.delete(meta.name(), name);
            new ErpnextHooks(metas, caller.site(), tx, clocks.of(caller.site())).onTrash(meta, stored.data());
            recordDeletion(tx, caller, stored);
            return new Written(stored.data(), List.of("on_trash"));
        });
    }

    private void recordDeletion(SiteTx tx, Caller caller, StoredDocument stored) {
        DocTypeMeta deletedMeta = metas.find(caller.site(), "Deleted Document").orElseThrow();
        LocalDateTime now = clocks.now(caller.site());
        ObjectNode deleted = DocumentCodec.object();
        String name = Naming.hash();
        deleted.put("name", name).put("owner", caller.user()).put("creation", Timestamps.format(now))
                .put("modified", Timestamps.format(now)).put("modified_by", caller.user()).put("docstatus", 0)
                .put("idx", 0).put("deleted_name", stored.name()).put("deleted_doctype", stored.doctype())
                .put("restored", 0).put("data", json(stored.data()));
        tx.insert(deletedMeta.name(), name, now, now, 0, DocumentCodec.canonical(deletedMeta, deleted));
    }

    /**
     * Runs one write in its own transaction; a write fault chosen for it fails it before the commit or holds the
     * commit, and once committed its answer may be withheld. Doc events go out after the commit, answered or not.
     */
    private ObjectNode write(Caller caller, DocTypeMeta meta, WriteKind kind, Function<SiteTx, Written> work) {
        List<WriteFault> chosen = new ArrayList<>(1);
        Written written = transactions.inSite(caller.site(), tx -> {
            Written done = work.apply(tx);
            // a deadlock retry runs the work again; only the attempt that commits keeps its fault
            chosen.clear();
            faults.take(caller.site(), meta.name(), kind).ifPresent(fault -> {
                fault.failBeforeCommit();
                chosen.add(fault);
                fault.delayCommit();
            });
            return done;
        });
        changes.fire(new DocumentChanged(caller.site(), meta.name(), written.doc().path("name").asText(),
                written.doc(), written.events(), caller.user()));
        chosen.forEach(faults::committed);
        return DocumentCodec.present(meta, written.doc());
    }

    private Map<String, Map<String, ObjectNode>> existingRows(DocTypeMeta meta, ObjectNode old) {
        Map<String, Map<String, ObjectNode>> rows = new HashMap<>();
        for (DocField table : meta.tableFields()) {
            Map<String, ObjectNode> byName = new HashMap<>();
            old.path(table.fieldname()).forEach(row -> byName.put(row.path("name").asText(), (ObjectNode) row));
            rows.put(table.fieldname(), byName);
        }
        return rows;
    }

    private String json(JsonNode value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Written(ObjectNode doc, List<String> events) {
    }

    /** The state of one write: its transaction, caller, doctype and timestamp. */
    private final class Write {

        final SiteTx tx;
        final Caller caller;
        final DocTypeMeta meta;
        final LocalDateTime now;
        final ErpnextHooks hooks;
        final Validation validation;

        Write(SiteTx tx, Caller caller, DocTypeMeta meta, LocalDateTime now) {
            this.tx = tx;
            this.caller = caller;
            this.meta = meta;
            this.now = now;
            this.hooks = new ErpnextHooks(metas, caller.site(), tx, clocks.of(caller.site()));
            this.validation = new Validation(metas, caller.site(), tx);
        }

        /** The body's values of the doctype's own fields over {@code target}; on insert, defaults for the rest. */
        ObjectNode fields(ObjectNode body, ObjectNode target, boolean isNew) {
            return fieldsOf(meta, body, target, isNew);
        }

        ObjectNode fieldsOf(DocTypeMeta of, JsonNode body, ObjectNode target, boolean isNew) {
            for (DocField field : of.fields()) {
                if (field.isTable()) {
                    continue;
                }
                if (body.has(field.fieldname())) {
                    JsonNode value = DocumentCodec.coerce(field, body.get(field.fieldname()));
                    if (value == null) {
                        target.remove(field.fieldname());
                    } else {
                        target.set(field.fieldname(), value);
                    }
                } else if (isNew) {
                    JsonNode value = DocumentCodec.defaultValue(field, now.toLocalDate());
                    if (value != null) {
                        target.set(field.fieldname(), value);
                    }
                }
            }
            return target;
        }

        /** Child tables given in the body replace the stored rows; a row keeps its name, new rows get one. */
        void tables(JsonNode body, ObjectNode doc, Map<String, Map<String, ObjectNode>> existing) {
            for (DocField table : meta.tableFields()) {
                if (!body.has(table.fieldname())) {
                    if (!doc.has(table.fieldname())) {
                        doc.set(table.fieldname(), DocumentCodec.array());
                    }
                    continue;
                }
                DocTypeMeta child = metas.find(caller.site(), table.options())
                        .orElseThrow(() -> FrappeError.doctypeNotFound(table.options()));
                Map<String, ObjectNode> old = existing.getOrDefault(table.fieldname(), Map.of());
                ArrayNode rows = DocumentCodec.array();
                int idx = 0;
                for (JsonNode given : body.path(table.fieldname())) {
                    if (!given.isObject()) {
                        continue;
                    }
                    String rowName = DocumentCodec.text(given, "name");
                    ObjectNode previous = old.get(rowName);
                    ObjectNode row = fieldsOf(child, given, previous == null
                            ? DocumentCodec.object()
                            : previous.deepCopy(), previous == null);
                    row.put("name", rowName.isEmpty() ? Naming.hash() : rowName);
                    row.put("owner", previous == null ? caller.user() : DocumentCodec.text(previous, "owner"));
                    row.put("creation", previous == null
                            ? Timestamps.format(now)
                            : DocumentCodec.text(previous, "creation"));
                    row.put("idx", ++idx);
                    row.put("parentfield", table.fieldname());
                    row.put("parenttype", meta.name());
                    rows.add(row);
                }
                doc.set(table.fieldname(), rows);
            }
        }

        /** {@code set_user_and_timestamp}: the document and its rows get one new {@code modified}. */
        void stamp(ObjectNode doc) {
            String modified = Timestamps.format(now);
            doc.put("modified", modified).put("modified_by", caller.user());
            for (DocField table : meta.tableFields()) {
                for (JsonNode row : doc.path(table.fieldname())) {
                    ((ObjectNode) row).put("modified", modified).put("modified_by", caller.user())
                            .put("docstatus", doc.path("docstatus").asInt()).put("parent", doc.path("name").asText());
                }
            }
        }

        /** Inserts the document; false when its name is taken, a UniqueValidationError when a unique value is. */
        boolean insert(String name, int docstatus, ObjectNode canonical) {
            try {
                return tx.insert(meta.name(), name, now, now, docstatus, canonical);
            } catch (UniqueViolation violation) {
                throw uniqueError(violation);
            }
        }

        void update(String name, int docstatus, ObjectNode canonical) {
            try {
                tx.update(meta.name(), name, docstatus, canonical);
            } catch (UniqueViolation violation) {
                throw uniqueError(violation);
            }
        }

        /** {@code show_unique_validation_message}: the label of the field whose unique index refused the value. */
        private FrappeError uniqueError(UniqueViolation violation) {
            String label = meta.uniqueFields().stream()
                    .filter(field -> UniqueIndexes.name(meta.name(), field.fieldname()).equals(violation.index()))
                    .map(DocField::displayLabel).findFirst().orElse(violation.index());
            return FrappeError.validation("UniqueValidationError", label + " must be unique");
        }

        /** The document and its rows in Frappe's key order. */
        ObjectNode canonicalTree(ObjectNode doc) {
            ObjectNode canonical = DocumentCodec.canonical(meta, doc);
            for (DocField table : meta.tableFields()) {
                DocTypeMeta child = metas.find(caller.site(), table.options()).orElseThrow();
                ArrayNode rows = DocumentCodec.array();
                doc.path(table.fieldname()).forEach(row -> rows.add(DocumentCodec.canonical(child, (ObjectNode) row)));
                if (canonical.has(table.fieldname()) || doc.has(table.fieldname())) {
                    canonical.set(table.fieldname(), rows);
                }
            }
            return canonical;
        }
    }
}

package dev.sitesync.worker.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeErrorKind;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.worker.client.Chunks;
import dev.sitesync.worker.client.Manifest;
import dev.sitesync.worker.client.ReconcileReads;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.CopyComparison;
import dev.sitesync.worker.store.Reconciliations;
import dev.sitesync.worker.store.Reconciliations.Finding;
import dev.sitesync.worker.target.DocumentWriter;
import dev.sitesync.worker.target.LinkTranslator;

/**
 * This site's copies against a page of the owner's manifest: found by the external ID they carry, read, and compared
 * with the owner's payload in this site's link names ({@link CopyComparison}). Answers what the page adds to the run.
 */
@ApplicationScoped
public class SiteCopies {

    private static final int READ_CONCURRENCY = 4;
    private static final int IDS_PER_LIST = 40;

    private final WorkerConfig config;
    private final FrappeClient site;
    private final LinkTranslator links;
    private final ReconcileReads reads;

    public SiteCopies(WorkerConfig config, FrappeClient site, LinkTranslator links, ReconcileReads reads) {
        this.config = config;
        this.site = site;
        this.links = links;
        this.reads = reads;
    }

    /** One page of the owner's documents against this site's copies. */
    public Uni<Reconciliations.Progress> compare(String doctype, Manifest.Page page) {
        Set<UUID> seen = new HashSet<>();
        page.envelopes().forEach(envelope -> seen.add(envelope.externalId()));
        seen.addAll(page.withheld());
        return copies(doctype, page.envelopes().stream().map(e -> e.externalId().toString()).toList())
                .flatMap(copies -> Multi.createFrom().iterable(page.envelopes())
                        .onItem().transformToUni(envelope -> verdict(envelope,
                                copies.getOrDefault(envelope.externalId().toString(), List.of())))
                        .merge(READ_CONCURRENCY).collect().asList())
                .map(verdicts -> {
                    List<Finding> findings = verdicts.stream().filter(Optional::isPresent).map(Optional::get).toList();
                    return new Reconciliations.Progress(findings, seen, page.envelopes().size(),
                            page.envelopes().size() - findings.size(), page.withheld().size());
                });
    }

    /**
     * This site's copies carrying these external IDs, by external ID; asked {@value #IDS_PER_LIST} IDs at a time, so
     * the list's URL stays within what ERPNext's web server takes on a request line.
     */
    public Uni<Map<String, List<String>>> copies(String doctype, List<String> externalIds) {
        Map<String, List<String>> byId = new HashMap<>();
        return Multi.createFrom().iterable(Chunks.of(externalIds, IDS_PER_LIST))
                .onItem().transformToUniAndConcatenate(ids -> reads.permit().flatMap(x -> site.list(ListQuery.of(doctype)
                        .fields("name", DocumentWriter.EXTERNAL_ID_FIELD)
                        .where(Filter.in(DocumentWriter.EXTERNAL_ID_FIELD, ids)).unlimited())))
                .invoke(rows -> rows.forEach(row -> byId.computeIfAbsent(
                        row.path(DocumentWriter.EXTERNAL_ID_FIELD).asText(), k -> new ArrayList<>())
                        .add(row.path("name").asText())))
                .collect().last().map(x -> byId);
    }

    private Uni<Optional<Finding>> verdict(ChangeEnvelope envelope, List<String> names) {
        if (names.size() != 1) {
            CopyComparison.Kind kind = names.isEmpty() ? CopyComparison.Kind.MISSING : CopyComparison.Kind.DUPLICATED;
            return Uni.createFrom().item(Optional.of(finding(envelope, kind, String.join(", ", names),
                    names.isEmpty()
                            ? envelope.sourceSite() + "'s '" + envelope.sourceName() + "' (version " + envelope.version()
                                    + ") has no copy on " + config.site()
                            : String.join(" and ", names) + " on " + config.site() + " all carry its external ID; keep "
                                    + "one, clear the others' " + DocumentWriter.EXTERNAL_ID_FIELD)));
        }
        String name = names.get(0);
        return links.translate(envelope).flatMap(translated -> {
            if (translated.missing().isPresent()) {
                return Uni.createFrom().item(Optional.of(finding(envelope, CopyComparison.Kind.STALE, name,
                        "it links to " + translated.missing().get() + ", which is not on " + config.site())));
            }
            ObjectNode expected = CopyComparison.expected(translated.payload(), envelope.localFields());
            return reads.permit().flatMap(x -> site.get(envelope.doctype(), name)).map(copy -> {
                CopyComparison.Verdict verdict = CopyComparison.compare(expected, List.of(copy));
                return verdict.kind() == CopyComparison.Kind.IN_SYNC
                        ? Optional.<Finding>empty()
                        : Optional.of(finding(envelope, verdict.kind(), name, "'" + name + "' holds other values of "
                                + verdict.differing() + " than " + envelope.sourceSite() + "'s version "
                                + envelope.version()));
            }).onFailure(e -> e instanceof FrappeException f && f.kind() == FrappeErrorKind.NOT_FOUND)
                    .recoverWithItem(() -> Optional.of(finding(envelope, CopyComparison.Kind.MISSING, name,
                            "'" + name + "' was removed from " + config.site() + " while it was compared")));
        });
    }

    private static Finding finding(ChangeEnvelope envelope, CopyComparison.Kind kind, String localNames,
            String detail) {
        return new Finding(0, kind.name(), envelope.externalId(), envelope.sourceName(),
                localNames.isEmpty() ? null : localNames, envelope.version(), envelope.contentHash(), detail, null,
                null);
    }
}

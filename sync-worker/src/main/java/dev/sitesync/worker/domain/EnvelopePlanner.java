package dev.sitesync.worker.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.contracts.ownership.Decision;
import dev.sitesync.contracts.sync.ChangeEnvelope;

/**
 * Turns captured documents into what is queued: per document and consumer the decision allows, an envelope with the
 * payload that consumer may receive and its content hash, unless that consumer already received this content; and
 * the {@code QUEUED} log entry of each. Pure: the same documents, decisions, IDs and sent hashes give the same plan.
 *
 * <p>Envelopes leave without their capture sequence: the number is taken when they are queued.
 */
public final class EnvelopePlanner {

    /**
     * One document allowed to go out.
     *
     * @param dependencies its Link fields whose targets this site owns and sends, by external ID
     * @param traceparent the trace of its capture, or null
     */
    public record Candidate(ObjectNode document, UUID externalId, Decision decision,
            List<ChangeEnvelope.LinkDependency> dependencies, String traceparent) {
    }

    /** What to queue, and how many (document, consumer) pairs were left out as unchanged. */
    public record Plan(List<ChangeEnvelope> envelopes, List<AuditEntry> audit, int unchanged) {
    }

    private final String site;
    private final int policyVersion;
    private final ZoneId zone;
    private final Instant capturedAt;

    /**
     * @param policyVersion the version of the policy the decisions were made under, carried by every envelope
     * @param zone the site's time zone, in which its {@code modified} values are naive
     * @param capturedAt when the documents were read
     */
    public EnvelopePlanner(String site, int policyVersion, ZoneId zone, Instant capturedAt) {
        this.site = site;
        this.policyVersion = policyVersion;
        this.zone = zone;
        this.capturedAt = capturedAt;
    }

    /**
     * @param lastSent the content hash a consumer last received of a document (external ID, consumer), or null
     */
    public Plan plan(String doctype, List<Candidate> candidates, BiFunction<UUID, String, String> lastSent) {
        List<ChangeEnvelope> envelopes = new ArrayList<>();
        List<AuditEntry> audit = new ArrayList<>();
        int unchanged = 0;
        for (Candidate candidate : candidates) {
            String name = candidate.document().path("name").asText();
            String version = candidate.document().path("modified").asText();
            for (Decision.Target target : candidate.decision().targets()) {
                ObjectNode payload = ContentHash.normalize(candidate.document());
                if (target.excludeFields() != null) {
                    payload.remove(target.excludeFields());
                }
                String hash = ContentHash.of(payload);
                if (hash.equals(lastSent.apply(candidate.externalId(), target.site()))) {
                    unchanged++;
                    continue;
                }
                ChangeEnvelope envelope = new ChangeEnvelope(candidate.externalId(), doctype, site, name, target.site(),
                        version, hash, ChangeEnvelope.Operation.UPSERT, payload, target.localFields(),
                        candidate.dependencies(), policyVersion, changedAt(version), candidate.traceparent(), null);
                envelopes.add(envelope);
                audit.add(AuditEntry.queued(envelope, capturedAt, null));
            }
        }
        return new Plan(envelopes, audit, unchanged);
    }

    /**
     * A DELETE envelope for a consumer that received the document, unless the last thing it received was the
     * deletion itself.
     */
    public ChangeEnvelope delete(UUID externalId, String doctype, String name, String consumer, String version) {
        return new ChangeEnvelope(externalId, doctype, site, name, consumer, version, ContentHash.DELETED,
                ChangeEnvelope.Operation.DELETE, null, List.of(), List.of(), policyVersion, changedAt(version), null,
                null);
    }

    /** The source's modified as an instant, for consumers' lag and latency; unknown when it does not parse. */
    private OffsetDateTime changedAt(String modified) {
        Instant instant = SiteTime.toInstant(modified, zone, capturedAt);
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

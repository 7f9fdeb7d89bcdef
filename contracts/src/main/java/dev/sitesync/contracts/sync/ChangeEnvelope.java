package dev.sitesync.contracts.sync;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.FrappeDatetime;
import dev.sitesync.contracts.constraints.LocalName;
import dev.sitesync.contracts.constraints.SiteCode;

/**
 * One version of one document, from the worker of the site that owns it to the worker of a site that consumes it
 * ({@code POST /internal/v1/envelopes}). The payload is already reduced by the consumer's field policy.
 *
 * @param version the source document's {@code modified}; a consumer never applies an older version after a newer one
 * @param contentHash hex SHA-256 of the normalized payload (volatile fields removed); same hash, same content
 * @param operation UPSERT, or DELETE (the consumer disables its copy; nothing is hard-deleted)
 * @param localFields fields the consumer keeps as its own: set on insert, never overwritten on update
 * @param dependencies the Link fields whose targets the source also synchronizes, by external ID, to be translated
 *        to the consumer's names
 * @param changedAt when the source site recorded this version (its {@code modified} in the source's time zone, as an
 *        instant); the consumer measures lag and change-to-applied latency from it. Absent from older senders.
 * @param traceparent the W3C trace context of the capture that made this envelope: the consumer's apply continues
 *        that trace, although delivery is asynchronous and batched. Absent from older senders.
 * @param sequence the source worker's capture sequence: strictly increasing with each version it captures of any
 *        document, so versions from one source are ordered even where {@code modified} is not (a DST fall-back hour
 *        repeats the same naive times; a late commit carries an older one). Absent from older senders.
 */
public record ChangeEnvelope(
        @NotNull UUID externalId,
        @DocTypeName String doctype,
        @SiteCode String sourceSite,
        @LocalName String sourceName,
        @SiteCode String targetSite,
        @FrappeDatetime String version,
        @NotNull @Pattern(regexp = "[0-9a-f]{64}") String contentHash,
        @NotNull Operation operation,
        ObjectNode payload,
        @Size(max = 200) List<@NotNull String> localFields,
        @Size(max = 500) List<@NotNull @Valid LinkDependency> dependencies,
        int policyVersion,
        OffsetDateTime changedAt,
        @Pattern(regexp = TRACEPARENT, message = "must be a W3C traceparent") String traceparent,
        @PositiveOrZero Long sequence) {

    /** A W3C {@code traceparent} header value, version 00. */
    public static final String TRACEPARENT = "00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}";

    public enum Operation {
        UPSERT,
        DELETE
    }

    /**
     * A Link field of the payload pointing at another synchronized document.
     *
     * @param path the field, or {@code table[row].field} for a child table row
     */
    public record LinkDependency(@NotNull @Size(max = 300) String path, @DocTypeName String doctype,
            @NotNull UUID externalId) {
    }
}

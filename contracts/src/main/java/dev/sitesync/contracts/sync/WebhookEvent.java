package dev.sitesync.contracts.sync;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.FrappeDatetime;
import dev.sitesync.contracts.constraints.LocalName;
import dev.sitesync.contracts.constraints.SiteCode;

/**
 * An ERPNext webhook the gateway accepted (site known and active, source IP in its CIDRs, signature valid), handed to
 * that site's worker at {@code POST /internal/v1/events}. Only a hint: the worker reads the current document.
 *
 * @param modified the document's {@code modified} as the webhook carried it
 * @param bodySha256 hex SHA-256 of the raw webhook body; with site, doctype, name and modified it identifies a replay
 * @param docEvent the Frappe doc event if known (after_insert, on_update, on_trash), else null
 * @param traceparent the W3C trace context of the webhook's request at the gateway, so that the document's capture
 *        joins its trace however the event was handed on; null: the trace of the request that carries it
 */
public record WebhookEvent(
        @SiteCode String site,
        @DocTypeName String doctype,
        @LocalName String name,
        @FrappeDatetime String modified,
        @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be a hex SHA-256") String bodySha256,
        @Pattern(regexp = "[a-z_]{1,40}") String docEvent,
        @Pattern(regexp = ChangeEnvelope.TRACEPARENT, message = "must be a W3C traceparent") String traceparent) {
}

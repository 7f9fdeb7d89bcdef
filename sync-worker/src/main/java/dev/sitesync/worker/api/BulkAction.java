package dev.sitesync.worker.api;

import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.SiteCode;

/**
 * An operator's decision on every open item a filter selects (dead letters, or parked deliveries), with the one reason
 * recorded for each. The filter must name at least one field, so "everything" is never one careless request.
 */
public record BulkAction(@NotBlank @Size(max = 1000) String reason, @NotNull @Valid Filter filter) {

    /**
     * @param site the source site (dead letters) or the consumer (parked deliveries)
     * @param reason the dead letter's reason (FIX_AT_SOURCE, RETRY_AGE_EXCEEDED, ...)
     * @param from only items created at or after this time; {@code to}: before it
     */
    public record Filter(@Pattern(regexp = DocTypeName.PATTERN) String doctype, @Pattern(regexp = SiteCode.PATTERN) String site,
            @Pattern(regexp = "[A-Z_]{1,40}") String reason, OffsetDateTime from, OffsetDateTime to) {

        public boolean isEmpty() {
            return doctype == null && site == null && reason == null && from == null && to == null;
        }
    }

    /** What the action did: how many items it decided, and which; items decided meanwhile by someone else are left. */
    public record Result(int decided, java.util.List<Long> ids) {
    }
}

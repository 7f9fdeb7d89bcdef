package dev.sitesync.worker.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;
import dev.sitesync.worker.domain.SyncStatus;
import dev.sitesync.worker.store.AuditEntries;

/** What an auditor selects from the sync log, as query parameters; none selects everything. */
public class AuditQuery {

    @QueryParam("externalId")
    @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", message = "must be a UUID")
    String externalId;

    /** The source or the target site. */
    @QueryParam("site")
    @Pattern(regexp = SiteCode.PATTERN, message = "must be a site code: 1 to 32 characters of a-z, 0-9 and '-'")
    String site;

    @QueryParam("doctype")
    @Pattern(regexp = DocTypeName.PATTERN, message = "must be a DocType name")
    String doctype;

    @QueryParam("status")
    @Pattern(regexp = "[A-Z_]{1,40}", message = "must be a sync log status such as APPLIED")
    String status;

    /** Steps at or after this time (ISO-8601 with its offset). */
    @QueryParam("from")
    String from;

    /** Steps before this time (ISO-8601 with its offset). */
    @QueryParam("to")
    String to;

    @QueryParam("traceId")
    @Pattern(regexp = "[0-9a-f]{32}", message = "must be a W3C trace ID: 32 lowercase hex digits")
    String traceId;

    /** The filter, or a 400 problem naming the parameter that is wrong and how to write it. */
    AuditEntries.Filter filter() {
        if (status != null && Arrays.stream(SyncStatus.values()).noneMatch(known -> known.name().equals(status))) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "status " + status + " is not one the sync log "
                    + "records; use one of " + Arrays.toString(SyncStatus.values()) + ".");
        }
        OffsetDateTime since = time("from", from);
        OffsetDateTime until = time("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "from (" + from + ") must be before to (" + to
                    + ").");
        }
        return new AuditEntries.Filter(externalId == null ? null : UUID.fromString(externalId), site, doctype, status,
                since, until, traceId);
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, name + " (" + value + ") must be an ISO-8601 time "
                    + "with its offset, such as 2026-11-01T00:00:00Z.");
        }
    }
}

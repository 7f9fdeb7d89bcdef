package dev.sitesync.frappe.sim.fault;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The faults one site shows: added latency, a share of requests failing with a chosen status (429 with
 * {@code Retry-After}), a full outage (connections closed without an answer), webhooks silently dropped, and faults
 * of chosen writes ({@link WriteRule}). A plan may end by itself: {@code duration_seconds} after it was set, or at
 * {@code ends_at}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultPlan(@JsonProperty("latency_ms") long latencyMs, @JsonProperty("error_rate") double errorRate,
        @JsonProperty("error_status") int errorStatus,
        @JsonProperty("retry_after_seconds") int retryAfterSeconds, @JsonProperty("outage") boolean outage,
        @JsonProperty("drop_webhooks") boolean dropWebhooks,
        @JsonProperty("duration_seconds") Long durationSeconds, @JsonProperty("ends_at") Instant endsAt,
        @JsonProperty("writes") List<WriteRule> writes) {

    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, false, false, null, null, List.of());

    public FaultPlan {
        writes = writes == null ? List.of() : List.copyOf(writes);
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency_ms is 0 or more");
        }
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("error_rate is between 0 and 1");
        }
        if (errorRate > 0 && errorStatus != 500 && errorStatus != 502 && errorStatus != 503 && errorStatus != 504
                && errorStatus != 429) {
            throw new IllegalArgumentException("error_status is one of 500, 502, 503, 504, 429");
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retry_after_seconds is 0 or more");
        }
        if (durationSeconds != null && (durationSeconds <= 0 || endsAt != null)) {
            throw new IllegalArgumentException("duration_seconds is more than 0, and not given with ends_at");
        }
    }

    /** This plan as set at {@code now}: a duration becomes the instant it ends at. */
    FaultPlan startingAt(Instant now) {
        return durationSeconds == null
                ? this
                : new FaultPlan(latencyMs, errorRate, errorStatus, retryAfterSeconds, outage, dropWebhooks, null,
                        now.plusSeconds(durationSeconds), writes);
    }

    boolean endedBy(Instant now) {
        return endsAt != null && !now.isBefore(endsAt);
    }

    FaultPlan withWrites(List<WriteRule> current) {
        return new FaultPlan(latencyMs, errorRate, errorStatus, retryAfterSeconds, outage, dropWebhooks,
                durationSeconds, endsAt, current);
    }
}

package dev.sitesync.frappe.sim.fault;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The faults one site shows: added latency, a share of requests failing with a chosen status (429 with
 * {@code Retry-After}), a full outage (connections closed without an answer), and webhooks silently dropped.
 */
public record FaultPlan(@JsonProperty("latency_ms") long latencyMs, @JsonProperty("error_rate") double errorRate,
        @JsonProperty("error_status") int errorStatus,
        @JsonProperty("retry_after_seconds") int retryAfterSeconds, @JsonProperty("outage") boolean outage,
        @JsonProperty("drop_webhooks") boolean dropWebhooks) {

    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, false, false);

    public FaultPlan {
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("error_rate is between 0 and 1");
        }
        if (errorRate > 0 && errorStatus != 500 && errorStatus != 502 && errorStatus != 503 && errorStatus != 504
                && errorStatus != 429) {
            throw new IllegalArgumentException("error_status is one of 500, 502, 503, 504, 429");
        }
    }
}
